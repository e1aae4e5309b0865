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
    // How the group's answers are shown (as they come, or when the trainer shows them), asked
    // of the room on joining and again after each send.
    var mode = element("p", "room-send-mode");
    mode.id = id + VIEW + "-visning";
    button.setAttribute("aria-describedby", help.id + " " + mode.id);
    part.appendChild(help);
    part.appendChild(mode);
    part.appendChild(button);
    part.appendChild(status);
    form.appendChild(part);
    showMode(id, mode);
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
        .then(function (text) { status.textContent = text; showMode(id, mode); });
    });
  }

  function showMode(id, place) {
    fetch("/__trappa/room/mode?room=" + encodeURIComponent(pin), { cache: "no-store" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (modes) {
        if (modes && modes.forms[id]) place.textContent = modes.forms[id] === "held" ? s.room_mode_held : fill(s.room_mode_live, modes.threshold);
      })
      .catch(function () { /* the send button says whether the room is reached */ });
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
    var showing = view.appendChild(element("p", "room-showing"));
    var reveal = showing.appendChild(element("button", "room-reveal"));
    reveal.type = "button";
    reveal.addEventListener("click", function () {
      post("/__trappa/room/show", { key: key, form: id, shown: reveal.getAttribute("data-held") === "true" });
    });
    var project = showing.appendChild(element("button", "room-project", s.room_project));
    project.type = "button";
    project.setAttribute("aria-keyshortcuts", "F");
    var projector = makeProjector(form, id);
    project.addEventListener("click", function () { projector.open(project); });
    // F anywhere on the room view's page (not while typing), as the button says.
    document.addEventListener("keydown", function (event) {
      if (view.hidden || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if ((event.key === "f" || event.key === "F") && !event.target.closest("input, textarea, select, [contenteditable], .room-projector")) {
        event.preventDefault();
        projector.open(project);
      }
    });
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
      note.textContent = state.ended ? s.room_ended : state.answered === 0 ? s.room_nobody + " " + waiting(state) : state.tallies ? "" : waiting(state);
      refused.textContent = state.refused ? fill(s.room_refused_count, state.refused) : "";
      counts.textContent = "";
      if (state.tallies) window.trappaForms.drawCounts(id, counts, state.tallies);
      exports.forEach(function (link) { link.hidden = state.answered < state.threshold; });
      reveal.textContent = state.held ? s.room_show : s.room_hold;
      reveal.setAttribute("data-held", String(state.held));
      reveal.hidden = state.ended;
      projector.update(state);
      if (state.ended) source.close();
    });
    return view;
  }

  // Why no counts show yet: too few have answered, or the trainer holds them back.
  function waiting(state) {
    return state.held ? s.room_held : fill(s.room_threshold, state.threshold);
  }

  // ---- The projector mode: one question at a time over the whole screen ----

  // Bars are put in order of their counts at most once a second, so that a new answer never
  // moves them under the reader's eyes more often; their lengths follow at once (smoothly,
  // by the stylesheet's transition, unless the reader asked for less motion).
  var REORDER_MS = 1000;

  function makeProjector(form, id) {
    var layer = null, state = null, index = 0, sorted = true, order = {}, sortedAt = 0, pending = null, opener = null;

    function build() {
      layer = element("div", "room-projector");
      layer.setAttribute("role", "dialog");
      layer.setAttribute("aria-modal", "true");
      layer.setAttribute("aria-label", s.room_project_label);
      layer.tabIndex = -1;
      layer.hidden = true;
      layer.innerHTML = '<div class="room-projector-main"><div class="room-projector-head"><div class="room-projector-texts">' +
        '<p class="room-projector-kicker"></p><h2 class="room-projector-question"></h2>' +
        '<p class="room-projector-answered" role="status"></p><p class="room-projector-note"></p></div>' +
        '<aside class="room-projector-join"></aside></div><ol class="room-projector-bars"></ol></div>' +
        '<div class="room-projector-bar"><p class="room-projector-keys"></p><p class="room-projector-buttons"></p></div>' +
        '<div class="room-projector-blank" hidden></div>';
      layer.querySelector(".room-projector-keys").textContent = s.room_project_keys;
      var buttons = layer.querySelector(".room-projector-buttons");
      var orderButton = buttons.appendChild(element("button", "room-projector-order"));
      orderButton.type = "button";
      orderButton.addEventListener("click", toggleOrder);
      var leave = buttons.appendChild(element("button", "room-projector-leave", s.room_project_leave));
      leave.type = "button";
      leave.addEventListener("click", close);
      layer.addEventListener("keydown", key);
      document.body.appendChild(layer);
    }

    function key(event) {
      var k = event.key;
      if (k === "ArrowRight" || k === "ArrowDown" || k === "PageDown" || k === " " || k === "Spacebar") go(index + 1);
      else if (k === "ArrowLeft" || k === "ArrowUp" || k === "PageUp") go(index - 1);
      else if (k === "s" || k === "S") toggleOrder();
      else if (k === "b" || k === "B" || k === ".") {
        var blank = layer.querySelector(".room-projector-blank");
        blank.hidden = !blank.hidden;
      } else if (k === "Escape") close();
      else return;
      event.preventDefault();
    }

    function questions() {
      return window.trappaForms ? window.trappaForms.questions(id, state && state.tallies) : [];
    }

    function go(to) {
      var count = questions().length;
      if (to < 0 || to >= count) return;
      if (to !== index) sortedAt = 0;
      index = to;
      draw();
    }

    function toggleOrder() {
      sorted = !sorted;
      sortedAt = 0;
      draw();
    }

    // The rows' order to show: by count, most first (the form's order among equals), or the form's.
    function wantedOrder(rows) {
      var places = rows.map(function (_, k) { return k; });
      if (sorted) places.sort(function (a, b) { return rows[b].count - rows[a].count || a - b; });
      return places;
    }

    function draw() {
      if (!layer || layer.hidden || !state) return;
      var all = questions(), q = all[index];
      if (!q) return;
      layer.querySelector(".room-projector-kicker").textContent = fill(s.room_project_question, index + 1, all.length);
      layer.querySelector(".room-projector-question").textContent = q.text;
      layer.querySelector(".room-projector-answered").textContent = fill(s.room_answered, state.answered);
      layer.querySelector(".room-projector-note").textContent = state.ended ? s.room_ended : q.rows ? "" : waiting(state);
      layer.querySelector(".room-projector-order").textContent = sorted ? s.room_project_ordered : s.room_project_sorted;
      var join = layer.querySelector(".room-projector-join");
      join.hidden = state.ended;
      if (!join.firstChild && state.join) drawJoin(join.appendChild(element("div", "room-join")), state.join);
      layer.classList.toggle("is-counting", Boolean(q.rows));
      var list = layer.querySelector(".room-projector-bars");
      if (!q.rows) {
        list.textContent = "";
        list.removeAttribute("data-question");
        return;
      }
      if (list.getAttribute("data-question") !== String(index)) {
        list.textContent = "";
        list.setAttribute("data-question", String(index));
        q.rows.forEach(function (row, k) {
          var item = list.appendChild(element("li", "room-projector-row"));
          item.setAttribute("data-row", String(k));
          item.appendChild(element("span", "room-projector-label", row.label));
          item.appendChild(element("span", "room-projector-track")).appendChild(element("span", "room-projector-fill"));
          item.appendChild(element("span", "room-projector-count"));
        });
        order[index] = null;
        // A long list runs down two columns, most answers first down the left.
        list.classList.toggle("is-many", q.rows.length > 6);
      }
      var byRow = {};
      Array.prototype.forEach.call(list.children, function (node) { byRow[node.getAttribute("data-row")] = node; });
      q.rows.forEach(function (row, k) {
        var item = byRow[k];
        var share = state.answered ? Math.round(100 * row.count / state.answered) : 0;
        item.querySelector(".room-projector-fill").style.width = share + "%";
        item.querySelector(".room-projector-count").textContent = fill(s.room_project_share, row.count, share);
      });
      var wanted = wantedOrder(q.rows), now = Date.now();
      if (String(wanted) === String(order[index])) return;
      if (now - sortedAt < REORDER_MS) {
        if (!pending) pending = setTimeout(function () { pending = null; draw(); }, REORDER_MS - (now - sortedAt));
        return;
      }
      order[index] = wanted;
      sortedAt = now;
      wanted.forEach(function (k) { list.appendChild(byRow[k]); });
      list.setAttribute("data-order", wanted.join(" "));
    }

    function open(from) {
      if (!layer) build();
      opener = from;
      layer.hidden = false;
      document.documentElement.classList.add("presenting");
      index = Math.min(index, Math.max(0, questions().length - 1));
      sortedAt = 0;
      draw();
      layer.focus();
      if (layer.requestFullscreen) layer.requestFullscreen().catch(function () {});
    }

    function close() {
      if (!layer || layer.hidden) return;
      layer.hidden = true;
      layer.querySelector(".room-projector-blank").hidden = true;
      document.documentElement.classList.remove("presenting");
      if (document.fullscreenElement && document.exitFullscreen) document.exitFullscreen().catch(function () {});
      if (opener) opener.focus();
    }

    document.addEventListener("fullscreenchange", function () {
      if (!document.fullscreenElement && layer && !layer.hidden && layer.getAttribute("data-full") === "true") {
        layer.removeAttribute("data-full");
        close();
      }
      if (document.fullscreenElement === layer) layer.setAttribute("data-full", "true");
    });

    return {
      open: open,
      update: function (next) { state = next; draw(); }
    };
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

  // For the presenter (present.js) on the trainer's computer: the room's form on the page at
  // `href`, and the join address (asked of the room once, with the trainer's key), so that a
  // slide that links to the form shows how to join.
  var joinAddress = null;
  function presenterPart() {
    var links = JSON.parse(script.getAttribute("data-links") || "[]");
    window.trappaRoom = {
      formAt: function (href) {
        if (!key) return null;
        var found = null;
        links.forEach(function (link, n) {
          var page = new URL(link[1], location.href);
          page.hash = "";
          if (page.href === href && !found) found = roomForms[n];
        });
        return found;
      },
      join: function (id, callback) {
        if (joinAddress) { callback(joinAddress); return; }
        var source = new EventSource(trainerUrl("/__trappa/room/events", id));
        source.addEventListener("state", function (event) {
          source.close();
          joinAddress = JSON.parse(event.data).join;
          withQr(function () { callback(joinAddress); });
        });
      },
      drawJoin: drawJoin
    };
  }

  // qr.js comes with the pages that have a form; a guide has none, and loads it when a slide
  // shows how to join.
  function withQr(then) {
    if (window.trappaQr) { then(); return; }
    var qr = document.createElement("script");
    qr.src = script.src.replace(/room\.js$/, "qr.js");
    qr.addEventListener("load", then);
    qr.addEventListener("error", then);
    document.head.appendChild(qr);
  }

  function setUp() {
    presenterPart();
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
