// The presenter view: an exercise's steps and questions, or a plan's blocks, one at a time in
// large type over the whole screen, with a countdown for the current step. Keys: arrows, space,
// Page Up/Page Down (clickers), B blanks, N shows the trainer's notes, Esc leaves.
// With two windows (data-present-both), this one is the trainer's (the slide, the next one,
// the notes, the timers) and a second window of the same page (#trappa-projektor) shows only
// the slide: this window sends it each slide by postMessage, the projector sends back the
// keys pressed on it. Both work from file:// (a window's opener is kept there too).
// The clock: `window.trappaClock = { now: function () { return ms; } }` replaces Date.now (read at
// every tick), and `window.trappaPresent.tick()` redraws at once: how the tests drive the timer.
(function () {
  "use strict";
  var h = window.trappaHelpers;
  var script = document.currentScript;
  var t = JSON.parse(script.getAttribute("data-strings"));

  function now() { return window.trappaClock ? window.trappaClock.now() : Date.now(); }
  function minutesOf(clock) { var p = clock.split(":"); return Number(p[0]) * 60 + Number(p[1]); }
  function clockOf(date) { return String(date.getHours()).padStart(2, "0") + ":" + String(date.getMinutes()).padStart(2, "0"); }
  function mmss(ms) {
    var s = Math.max(0, Math.ceil(ms / 1000));
    return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  }

  // The slides of one exercise: its title and purpose, each step, what goes with the steps
  // (statements to read out), each question, each section of its own. Trainer's notes ride
  // along as `notes`, shown only in the notes panel (N), never on the slide.
  function exerciseSlides(ex, block) {
    var sections = ex.sections || [];
    var intro = sections.filter(function (s) { return !s.heading; }).map(function (s) { return s.html; }).join("");
    var slides = [{ title: ex.title, html: intro + (ex.purpose_html || ""), notes: ex.notes_html || "", minutes: 0, block: block }];
    var steps = ex.steps || [];
    steps.forEach(function (step, i) {
      slides.push({ title: ex.title, kicker: h.fill(t.step, i + 1, steps.length), html: step.html, notes: step.notes_html || "", minutes: step.minutes || 0, block: block });
    });
    if (ex.steps_more_html) slides.push({ title: ex.title, kicker: t.material, html: ex.steps_more_html, minutes: 0, block: block });
    if (ex.questions_more_html) slides.push({ title: ex.title, kicker: t.question, html: ex.questions_more_html, minutes: 0, block: block });
    (ex.questions_html || []).forEach(function (q) { slides.push({ title: ex.title, kicker: t.question, html: q, minutes: 0, block: block }); });
    sections.forEach(function (s) {
      if (s.heading) slides.push({ title: ex.title, kicker: s.heading, html: s.html, minutes: 0, block: block });
    });
    if (!steps.length && ex.minutes) slides[0].minutes = ex.minutes;
    return slides;
  }

  // The slides of a plan: each block in turn; each carries the clock minute it should start at.
  function planSlides(plan) {
    var slides = [];
    plan.blocks.forEach(function (b) {
      var own = b.exercise ? exerciseSlides(b.exercise, b) : [{ title: b.title, html: b.text_html || "", minutes: b.minutes, block: b }];
      var at = minutesOf(b.start);
      own.forEach(function (s) { s.planned = at; at += s.minutes; });
      slides = slides.concat(own);
    });
    return slides;
  }

  var layer = null, state = null, timer = null, opener = null;
  // The projector window's address: this page with this fragment, opened by the trainer's.
  var PROJECTOR = "#trappa-projektor";
  // Every message between the two windows carries this mark; any other is not ours.
  var MARK = "trappa-present";

  // The slide's part of the layer: what both windows show.
  var SLIDE = '<div class="presenter-slide" aria-live="polite"><div class="presenter-fit"><p class="presenter-kicker"></p>' +
    '<h2 class="presenter-title"></h2><div class="presenter-body"></div></div></div>';

  function makeLayer(className, inner) {
    var node = h.element("div", className);
    node.setAttribute("role", "dialog");
    node.setAttribute("aria-modal", "true");
    node.setAttribute("aria-label", t.label);
    node.setAttribute("lang", document.documentElement.lang);
    node.tabIndex = -1;
    node.innerHTML = inner;
    document.body.appendChild(node);
    return node;
  }

  function button(text, attribute, action) {
    var b = h.element("button", "", text);
    b.type = "button";
    if (attribute) b.setAttribute(attribute, "");
    b.addEventListener("click", action);
    return b;
  }

  function build() {
    layer = makeLayer("presenter", SLIDE +
      '<aside class="presenter-upcoming" aria-labelledby="presenter-upcoming-heading" hidden><h2 id="presenter-upcoming-heading"></h2>' +
      '<p class="presenter-upcoming-kicker"></p><p class="presenter-upcoming-title"></p><div class="presenter-upcoming-body"></div></aside>' +
      '<div class="presenter-bar"><p class="presenter-timer" role="timer"></p><p class="presenter-clock"></p><p class="presenter-pace"></p>' +
      '<p class="presenter-next"></p><p class="presenter-position"></p><p class="presenter-window" role="status"></p><p class="presenter-buttons"></p></div>' +
      '<aside class="presenter-notes" hidden></aside><div class="presenter-blank" hidden></div>');
    layer.querySelector("#presenter-upcoming-heading").textContent = t.upcoming;
    var buttons = layer.querySelector(".presenter-buttons");
    buttons.append(
      button(t.prev, "data-present-prev", function () { go(state.index - 1); }),
      button(t.next, "data-present-next", function () { go(state.index + 1); }));
    var notes = button(t.notes, "data-present-notes", toggleNotes);
    notes.setAttribute("aria-pressed", "false");
    // To rehearse or start late: the plan's times count from the moment this is pressed, as
    // if the current slide had been planned for now.
    var fromNow = button(t.from_now, "data-present-from-now", function () {
      var s = state.slides[state.index], date = new Date(now());
      if (s.planned === undefined) return;
      state.shift = date.getHours() * 60 + date.getMinutes() - s.planned;
      state.since = now();
      go(state.index);
    });
    // A projector window closed by mistake (or blocked at first) is opened again from here.
    var reopen = button(t.reopen, "data-present-reopen", function () { openProjector(); });
    reopen.hidden = true;
    buttons.append(notes, fromNow, reopen, button(t.blank, "", toggleBlank), button(t.leave, "", close));
    layer.addEventListener("keydown", key);
    window.addEventListener("resize", function () { if (state) fit(layer); });
  }

  // The keys of the presenter, pressed in this window or in the projector's (`name`).
  function act(name) {
    if (name === "ArrowRight" || name === "ArrowDown" || name === "PageDown" || name === " " || name === "Spacebar") go(state.index + 1);
    else if (name === "ArrowLeft" || name === "ArrowUp" || name === "PageUp") go(state.index - 1);
    else if (name === "b" || name === "B" || name === ".") toggleBlank();
    else if (name === "n" || name === "N") toggleNotes();
    else if (name === "Escape") close();
    else return false;
    return true;
  }

  function key(event) {
    if (act(event.key)) event.preventDefault();
  }

  function toggleBlank() {
    var blank = layer.querySelector(".presenter-blank");
    blank.hidden = !blank.hidden;
    layer.classList.toggle("is-blank", !blank.hidden);
    send();
  }

  // The trainer's notes of the slide, beside it: for a rehearsal or a second screen, off at the
  // start in one window, always on in the trainer's window of two.
  function toggleNotes() {
    var panel = layer.querySelector(".presenter-notes");
    panel.hidden = !panel.hidden;
    layer.querySelector("[data-present-notes]").setAttribute("aria-pressed", String(!panel.hidden));
    showNotes();
  }

  function showNotes() {
    var panel = layer.querySelector(".presenter-notes"), s = state.slides[state.index];
    if (s.notes) panel.innerHTML = s.notes;
    else panel.textContent = t.no_notes;
  }

  // Writes a slide (kicker, title, body's HTML) into the slide part of `node`, lets
  // `decorate` add to its body (the pictures), and fits it.
  function show(node, slide, decorate) {
    node.querySelector(".presenter-kicker").textContent = slide.kicker;
    node.querySelector(".presenter-title").textContent = slide.title;
    var body = node.querySelector(".presenter-body");
    body.innerHTML = slide.html;
    if (decorate) decorate(body);
    // A picture of the page that loads after the slide is drawn changes its height.
    body.querySelectorAll("img").forEach(function (img) { img.addEventListener("load", function () { fit(node); }); });
    fit(node);
  }

  // A long step is set smaller until the slide holds it whole: the text never runs off the
  // screen. From the slide's own size down to half of it; below that (no bundled step comes
  // near) the slide scrolls rather than become unreadable.
  function fit(node) {
    var slide = node.querySelector(".presenter-slide"), inner = node.querySelector(".presenter-fit");
    var scale = 1;
    inner.style.fontSize = "";
    while (scale > 0.5 && (slide.scrollHeight > slide.clientHeight + 1 || slide.scrollWidth > slide.clientWidth + 1)) {
      scale = Math.round((scale - 0.05) * 100) / 100;
      inner.style.fontSize = scale + "em";
    }
    node.setAttribute("data-scale", String(scale));
  }

  function kickerOf(s) {
    return s.kicker || (s.block ? shifted(s.block.start) + "–" + shifted(s.block.end) : "");
  }

  function go(index) {
    if (index < 0 || index >= state.slides.length) return;
    state.index = index;
    state.since = now();
    var s = state.slides[index];
    layer.querySelector("[data-present-from-now]").hidden = s.planned === undefined;
    showNotes();
    // The bar first: its height (a long "Nästa: …" wraps) is what the slide is fitted into.
    var next = state.slides[index + 1];
    layer.querySelector(".presenter-next").textContent = next ? h.fill(t.next_up, next.kicker ? next.kicker + " · " + next.title : next.title) : t.last;
    showUpcoming(next);
    layer.querySelector(".presenter-position").textContent = h.fill(t.position, index + 1, state.slides.length);
    layer.querySelector("[data-present-prev]").disabled = index === 0;
    layer.querySelector("[data-present-next]").disabled = index === state.slides.length - 1;
    tick();
    show(layer, { kicker: kickerOf(s), title: s.title, html: s.html }, function (body) { drawPictures(body, s); });
    send();
  }

  // The trainer's window shows the next slide whole, small, beside the current one.
  function showUpcoming(next) {
    var place = layer.querySelector(".presenter-upcoming");
    place.querySelector(".presenter-upcoming-kicker").textContent = next ? kickerOf(next) : "";
    place.querySelector(".presenter-upcoming-title").textContent = next ? next.title : t.last;
    place.querySelector(".presenter-upcoming-body").innerHTML = next ? next.html : "";
  }

  // A slide that links to a staircase or a checklist shows it drawn beneath its text (a link
  // to its page, or to its `#id` when the page has more than one); one that links to a form
  // of a live room (room.js, on the trainer's computer) shows the room's join address and QR
  // code. A page block links to its page.
  function drawPictures(body, slide) {
    var shown = [], forms = [];
    var links = Array.prototype.map.call(body.querySelectorAll("a[href]"), function (a) { return a.getAttribute("href"); });
    if (slide.block && slide.block.url && !slide.block.exercise) links.push(slide.block.url);
    links.forEach(function (href) {
      var to = new URL(href, location.href);
      var anchor = decodeURIComponent(to.hash.slice(1));
      to.hash = "";
      state.pictures.forEach(function (p) {
        if (new URL(p.href, location.href).href !== to.href || (anchor && anchor !== p.id)) return;
        if (shown.indexOf(p) < 0) shown.push(p);
      });
      var form = window.trappaRoom && window.trappaRoom.formAt(to.href);
      if (form && forms.indexOf(form) < 0) forms.push(form);
    });
    shown.forEach(function (p) { body.insertAdjacentHTML("beforeend", p.html); });
    if (!forms.length) return;
    var place = body.appendChild(h.element("div", "presenter-join"));
    var at = state.index;
    window.trappaRoom.join(forms[0], function (address) {
      if (!state || state.index !== at) return;
      window.trappaRoom.drawJoin(place, address);
      fit(layer);
      send();
    });
  }

  // A clock time of the plan, moved by "Räkna tiderna från nu".
  function shifted(clock) {
    if (!state.shift) return clock;
    var m = ((minutesOf(clock) + state.shift) % 1440 + 1440) % 1440;
    return String(Math.floor(m / 60)).padStart(2, "0") + ":" + String(m % 60).padStart(2, "0");
  }

  function tick() {
    if (!state) return;
    var s = state.slides[state.index];
    var timerNode = layer.querySelector(".presenter-timer");
    if (s.minutes) {
      var left = s.minutes * 60000 - (now() - state.since);
      var up = left <= 0;
      timerNode.textContent = up ? t.time_up : h.fill(t.left, mmss(left));
      layer.classList.toggle("is-time-up", up);
    } else {
      timerNode.textContent = "";
      layer.classList.remove("is-time-up");
    }
    var date = new Date(now());
    layer.querySelector(".presenter-clock").textContent = h.fill(t.clock, clockOf(date));
    var pace = layer.querySelector(".presenter-pace");
    if (s.planned !== undefined) {
      var off = date.getHours() * 60 + date.getMinutes() - s.planned - (state.shift || 0);
      pace.textContent = off === 0 ? t.on_time : off > 0 ? h.fill(t.behind, off) : h.fill(t.ahead, -off);
    } else pace.textContent = "";
    if (state.projector) {
      var closed = state.projector.closed;
      if (closed !== state.projectorClosed) {
        state.projectorClosed = closed;
        layer.querySelector(".presenter-window").textContent = closed ? t.window_closed : t.window_open;
        layer.querySelector("[data-present-reopen]").hidden = !closed;
      }
      if (timerNode.textContent !== state.sentTimer) send();
    }
  }

  // ---- Two windows: the trainer's sends, the projector's shows ----

  // postMessage needs the receiver's origin; a file:// page's is opaque ("null"), so there
  // any is allowed: each side still takes messages only from the other window.
  function targetOrigin() {
    return location.origin && location.origin !== "null" ? location.origin : "*";
  }

  // The slide as the room sees it: its text and pictures, the countdown, the blank screen;
  // never the notes, the pace or what comes next.
  function send() {
    if (!state || !state.projector || state.projector.closed) return;
    var timerNode = layer.querySelector(".presenter-timer");
    state.sentTimer = timerNode.textContent;
    state.projector.postMessage({
      mark: MARK, type: "slide",
      kicker: layer.querySelector(".presenter-kicker").textContent,
      title: layer.querySelector(".presenter-title").textContent,
      html: layer.querySelector(".presenter-body").innerHTML,
      timer: timerNode.textContent, timeUp: layer.classList.contains("is-time-up"),
      blank: layer.classList.contains("is-blank")
    }, targetOrigin());
  }

  function openProjector() {
    var address = location.href.split("#")[0] + PROJECTOR;
    var opened = window.open(address, "trappa-projektor", "popup,width=1024,height=768");
    state.projector = opened || null;
    state.projectorClosed = undefined;
    layer.classList.toggle("is-trainer", !!opened);
    layer.querySelector(".presenter-notes").hidden = !opened;
    layer.querySelector(".presenter-upcoming").hidden = !opened;
    if (!opened) {
      // A blocked pop-up: the presentation goes on in this window alone, and says why.
      layer.querySelector(".presenter-window").textContent = t.window_blocked;
      layer.querySelector("[data-present-reopen]").hidden = false;
    }
    tick();
    fit(layer);
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!state || !state.projector || event.source !== state.projector || !data || data.mark !== MARK) return;
    if (data.type === "ready") send();
    else if (data.type === "key" && typeof data.key === "string" && data.key !== "Escape") act(data.key);
  });

  // `from`: the button that opened it, where the focus goes back on leaving (also in a
  // browser that does not focus a button when it is clicked). `both`: with a projector window.
  function open(data, from, both) {
    var slides = data.blocks ? planSlides(data) : exerciseSlides(data, null);
    if (!slides.length) return;
    opener = from && from.focus ? from : document.activeElement;
    if (!layer) build();
    // The day's drawings, and each exercise's (Min plan's blocks carry their own).
    var pictures = (data.pictures || []).slice();
    (data.blocks || []).forEach(function (b) { pictures = pictures.concat((b.exercise && b.exercise.pictures) || []); });
    state = { slides: slides, index: 0, since: now(), shift: 0, pictures: pictures, projector: null };
    layer.hidden = false;
    document.documentElement.classList.add("presenting");
    if (both) openProjector();
    go(0);
    layer.focus();
    // One window goes full screen; with two, the projector's does (its own F), and the
    // trainer's stays a window beside the laptop's other work.
    if (!both && layer.requestFullscreen) layer.requestFullscreen().catch(function () {});
    timer = setInterval(tick, 250);
  }

  function close() {
    if (!state) return;
    clearInterval(timer);
    if (state.projector && !state.projector.closed) {
      state.projector.postMessage({ mark: MARK, type: "close" }, targetOrigin());
    }
    state = null;
    layer.hidden = true;
    layer.classList.remove("is-blank", "is-time-up", "is-trainer");
    layer.querySelector(".presenter-blank").hidden = true;
    layer.querySelector(".presenter-notes").hidden = true;
    layer.querySelector(".presenter-upcoming").hidden = true;
    layer.querySelector(".presenter-window").textContent = "";
    layer.querySelector("[data-present-reopen]").hidden = true;
    document.documentElement.classList.remove("presenting");
    if (document.fullscreenElement && document.exitFullscreen) document.exitFullscreen().catch(function () {});
    if (opener && opener.focus) opener.focus();
  }

  // Leaving the page (or closing the laptop's tab) ends the projector's window as well.
  window.addEventListener("pagehide", function () { if (state) close(); });

  document.addEventListener("fullscreenchange", function () {
    if (!document.fullscreenElement && state && state.full) close();
    if (document.fullscreenElement && state) state.full = true;
  });

  // The projector's window: nothing of the page but the slide the trainer's window sends.
  // Its keys (a clicker plugged into the projector's laptop) go to the trainer's window;
  // F puts it full screen, which a browser allows only on a key or a click in it.
  function projectorWindow() {
    document.documentElement.classList.add("presenting", "projector-window");
    var screen = makeLayer("presenter is-projector", SLIDE +
      '<div class="presenter-bar"><p class="presenter-timer" role="timer"></p><p class="presenter-buttons"></p></div>' +
      '<div class="presenter-blank" hidden></div>');
    var waiting = { kicker: "", title: t.label, html: "<p>" + h.fill(t.projector_waiting, t.fullscreen) + "</p>" };
    show(screen, waiting);
    var full = button(t.fullscreen, "data-present-fullscreen", fullscreen);
    screen.querySelector(".presenter-buttons").appendChild(full);
    function fullscreen() {
      if (screen.requestFullscreen && !document.fullscreenElement) screen.requestFullscreen().catch(function () {});
    }
    document.addEventListener("fullscreenchange", function () { full.hidden = !!document.fullscreenElement; });
    document.addEventListener("keydown", function (event) {
      if (event.key === "f" || event.key === "F") fullscreen();
      else if (event.key !== "Escape") window.opener.postMessage({ mark: MARK, type: "key", key: event.key }, targetOrigin());
      else return;
      event.preventDefault();
    });
    window.addEventListener("resize", function () { fit(screen); });
    window.addEventListener("message", function (event) {
      var data = event.data;
      if (event.source !== window.opener || !data || data.mark !== MARK) return;
      if (data.type === "close") { window.close(); return; }
      if (data.type !== "slide") return;
      show(screen, { kicker: String(data.kicker), title: String(data.title), html: String(data.html) });
      screen.querySelector(".presenter-timer").textContent = String(data.timer);
      screen.classList.toggle("is-time-up", !!data.timeUp);
      screen.classList.toggle("is-blank", !!data.blank);
      screen.querySelector(".presenter-blank").hidden = !data.blank;
    });
    screen.focus();
    window.opener.postMessage({ mark: MARK, type: "ready" }, targetOrigin());
  }

  function fromPage(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  if (location.hash === PROJECTOR && window.opener) {
    projectorWindow();
    return;
  }

  // An exercise page's buttons (its JSON block, else the planner button's facts); a plan page's.
  document.querySelectorAll(".plan-actions [data-present], .plan-actions [data-present-both]").forEach(function (b) {
    b.addEventListener("click", function () {
      open(fromPage("trappa-exercise") || JSON.parse(b.closest("[data-plan-add]").getAttribute("data-plan-add")), b, b.hasAttribute("data-present-both"));
    });
  });
  var plan = fromPage("trappa-plan");
  if (plan) {
    var place = document.querySelector(".page-header");
    [[t.open, false], [t.open_both, true]].forEach(function (pair) {
      var b = h.element("button", "present-plan no-print", pair[0]);
      b.type = "button";
      if (pair[1]) b.setAttribute("data-present-both", "");
      b.addEventListener("click", function () { open(plan, b, pair[1]); });
      if (place) place.appendChild(b);
    });
  }

  window.trappaPresent = { open: open, close: close, tick: tick };
})();
