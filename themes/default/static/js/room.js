// The live room of `trappa room`: its server adds this script to the pages it serves (a
// built site never loads it). On a form of the room, "Skicka till gruppen" sends the form's
// anonymous answer code (forms.js makes it: ticks and choices only, never notes) to the
// trainer's computer, with a random id of this tab, so that sending again replaces the
// answer instead of counting twice. On the trainer's PAGE?key=KEY#FORM-rum it shows the room
// view, live over server-sent events. Its strings come from the page's language table, as
// JSON in a data attribute of its own script element.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.fetch || !window.trappaHelpers) return;
  var s = JSON.parse(script.getAttribute("data-strings") || "{}");
  var roomForms = (script.getAttribute("data-forms") || "").split(" ").filter(Boolean);
  // Kept for this tab only (sessionStorage): the room's PIN, the trainer's key, and per form
  // the participant id that makes a second send replace the first.
  var PIN = "trappa-rum", KEY = "trappa-rum-nyckel", PARTICIPANT = "trappa-rum-deltagare:";

  var fill = window.trappaHelpers.fill, element = window.trappaHelpers.element;
  // The room view's id is the form's id and this suffix (`ID-rum`), named by the server.
  var VIEW = script.getAttribute("data-view-suffix");

  function remembered(name) {
    try { return sessionStorage.getItem(name); } catch (e) { return null; }
  }

  function remember(name, value) {
    try { sessionStorage.setItem(name, value); } catch (e) { /* storage off: this page still works */ }
  }

  // The PIN and the key arrive in the address (`?room=`, `?key=`); they are kept for the tab
  // and taken out of the address bar, so the key does not show on the projector.
  var query = new URLSearchParams(location.search), pin = query.get("room"), key = query.get("key");
  if (pin) remember(PIN, pin); else pin = remembered(PIN);
  if (key) remember(KEY, key); else key = remembered(KEY);
  if (query.has("room") || query.has("key")) history.replaceState(null, "", location.pathname + location.hash);

  function post(path, body) {
    return fetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  }

  // ---- A participant's phone ----

  function participant(id) {
    var known = remembered(PARTICIPANT + id);
    if (known) return known;
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    var made = Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
    remember(PARTICIPANT + id, made);
    return made;
  }

  function addSendButton(form, id) {
    var part = element("div", "room-send");
    var help = element("p", "room-send-help", s.room_send_help);
    var button = element("button", "room-send-button", s.room_send);
    var status = element("p", "room-send-status");
    help.id = id + VIEW + "-hjalp";
    button.type = "button";
    button.setAttribute("aria-describedby", help.id);
    status.setAttribute("role", "status");
    part.appendChild(help);
    part.appendChild(button);
    part.appendChild(status);
    form.appendChild(part);
    // In the room the form's own privacy line ("never sent anywhere") would be untrue: it
    // says what is sent and what is not.
    form.querySelectorAll(".form-privacy").forEach(function (line) { line.textContent = s.room_privacy; });
    button.addEventListener("click", function () {
      var code = window.trappaForms && window.trappaForms.code(id);
      if (!code) return;
      status.textContent = "";
      post("/__trappa/room/answer", { room: pin, form: id, participant: participant(id), code: code })
        .then(function (response) {
          if (response.status === 410) return s.room_closed;
          if (!response.ok) return s.room_failed;
          return response.json().then(function (answer) { return answer.counted === "replaced" ? s.room_replaced : s.room_sent; });
        })
        .catch(function () { return s.room_failed; })
        .then(function (text) { status.textContent = text; });
    });
  }

  // ---- The trainer's room view ----

  function trainerUrl(path, id, extra) {
    return path + "?form=" + encodeURIComponent(id) + "&key=" + encodeURIComponent(key) + (extra || "");
  }

  function makeView(form, id) {
    var title = form.querySelector(".form-title").textContent.trim();
    var view = element("section", "form-group room-view");
    view.id = id + VIEW;
    view.setAttribute("aria-labelledby", id + VIEW + "-rubrik");
    var heading = view.appendChild(element("h2", null, fill(s.room_heading, title)));
    heading.id = id + VIEW + "-rubrik";
    heading.tabIndex = -1;
    var join = view.appendChild(element("div", "room-join"));
    var status = view.appendChild(element("div", "room-status"));
    status.setAttribute("role", "status");
    var answered = status.appendChild(element("p", "room-answered group-total"));
    var note = status.appendChild(element("p", "room-note"));
    var refused = status.appendChild(element("p", "room-refused"));
    var counts = view.appendChild(element("div", "room-counts group-body"));
    var actions = view.appendChild(element("p", "room-actions"));
    var exports = [["csv", s.room_export_csv], ["json", s.room_export_json]].map(function (format) {
      var link = actions.appendChild(element("a", "room-export", format[1]));
      link.href = trainerUrl("/__trappa/room/export", id, "&format=" + format[0]);
      link.setAttribute("download", "");
      return link;
    });
    [["clear", s.room_clear, s.room_clear_confirm, { key: key, form: id }], ["end", s.room_end, s.room_end_confirm, { key: key }]].forEach(function (action) {
      var button = actions.appendChild(element("button", "room-" + action[0], action[1]));
      button.type = "button";
      button.addEventListener("click", function () {
        if (window.confirm(action[2])) post("/__trappa/room/" + action[0], action[3]);
      });
    });
    var back = view.appendChild(element("p")).appendChild(element("a", null, s.room_group_link));
    back.href = "#" + id + part(form, "group");
    form.parentNode.insertBefore(view, form);

    var source = new EventSource(trainerUrl("/__trappa/room/events", id));
    source.addEventListener("error", function () { note.textContent = s.room_lost; });
    source.addEventListener("state", function (event) {
      var state = JSON.parse(event.data);
      if (!join.firstChild) drawJoin(join, state.join);
      view.setAttribute("data-answered", String(state.answered));
      answered.textContent = fill(s.room_answered, state.answered);
      note.textContent = state.ended ? s.room_ended : state.answered === 0 ? s.room_nobody + " " + fill(s.room_threshold, state.threshold) : state.tallies ? "" : fill(s.room_threshold, state.threshold);
      refused.textContent = state.refused ? fill(s.room_refused_count, state.refused) : "";
      counts.textContent = "";
      if (state.tallies) window.trappaForms.drawCounts(id, counts, state.tallies);
      exports.forEach(function (link) { link.hidden = !state.tallies; });
      if (state.ended) source.close();
    });
    return view;
  }

  // The join address in words and as a QR code (qr.js), for the projector.
  function drawJoin(place, address) {
    var words = place.appendChild(element("p", "room-join-address"));
    var parts = s.room_join.split("{}");
    words.appendChild(document.createTextNode(parts[0]));
    words.appendChild(element("strong", null, address));
    words.appendChild(document.createTextNode(parts[1] || ""));
    var qr = place.appendChild(element("div", "room-join-qr"));
    try {
      qr.appendChild(window.trappaQr.svg(address, fill(s.room_join_qr, address)));
    } catch (e) {
      // No QR code (qr.js missing): the address in words is enough.
    }
  }

  // The suffix of a part of the form (`group`: `-grupp`), as the build names it in the
  // form's strings block.
  function part(form, name) {
    return JSON.parse(form.querySelector(".form-strings").textContent).ids[name];
  }

  // The room view replaces the form while the address ends in #FORM-rum.
  function applyMode(form, id) {
    var inView = location.hash === "#" + id + VIEW;
    var view = document.getElementById(id + VIEW);
    if (inView && !view) view = makeView(form, id);
    if (!view) return;
    view.hidden = !inView;
    if (!inView) return;
    [form, document.getElementById(id + part(form, "results")), document.getElementById(id + part(form, "group"))].forEach(function (node) {
      if (node) node.hidden = true;
    });
    view.querySelector("h2").focus();
  }

  // A joined page without a form of the room says where the room's forms are (the join
  // address leads to the home page when the room has several).
  function showJoined() {
    var main = document.querySelector("main");
    if (!main || roomForms.some(function (id) { return document.querySelector('form[data-form="' + CSS.escape(id) + '"]'); })) return;
    var notice = element("p", "room-joined", s.room_joined + " ");
    JSON.parse(script.getAttribute("data-links") || "[]").forEach(function (link, n) {
      if (n) notice.appendChild(document.createTextNode(", "));
      notice.appendChild(element("a", null, link[0])).href = link[1];
    });
    main.insertBefore(notice, main.firstChild);
  }

  function setUp() {
    // A participant's phone: room.css leaves out what is for trainers and readers on their
    // own (the group view's link, the reading path's box).
    if (pin && !key) document.documentElement.classList.add("room-participant");
    if (pin) showJoined();
    roomForms.forEach(function (id) {
      var form = document.querySelector('form.self-assessment[data-form="' + CSS.escape(id) + '"]');
      if (!form) return;
      if (pin) addSendButton(form, id);
      if (key) {
        applyMode(form, id);
        window.addEventListener("hashchange", function () { applyMode(form, id); });
      }
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
