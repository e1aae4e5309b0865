// The presenter view: an exercise's steps and questions, or a plan's blocks, one at a time in
// large type over the whole screen, with a countdown for the current step. Keys: arrows, space,
// Page Up/Page Down (clickers), B blanks, N shows the trainer's notes, Esc leaves.
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

  function build() {
    layer = h.element("div", "presenter");
    layer.setAttribute("role", "dialog");
    layer.setAttribute("aria-modal", "true");
    layer.setAttribute("aria-label", t.label);
    layer.setAttribute("lang", document.documentElement.lang);
    layer.tabIndex = -1;
    layer.innerHTML = '<div class="presenter-slide" aria-live="polite"><p class="presenter-kicker"></p><h2 class="presenter-title"></h2><div class="presenter-body"></div></div>' +
      '<div class="presenter-bar"><p class="presenter-timer" role="timer"></p><p class="presenter-clock"></p><p class="presenter-pace"></p>' +
      '<p class="presenter-next"></p><p class="presenter-position"></p><p class="presenter-buttons"></p></div>' +
      '<aside class="presenter-notes" hidden></aside><div class="presenter-blank" hidden></div>';
    var buttons = layer.querySelector(".presenter-buttons");
    [["prev", -1], ["next", 1]].forEach(function (pair) {
      var b = h.element("button", "", t[pair[0]]);
      b.type = "button";
      b.setAttribute("data-present-" + pair[0], "");
      b.addEventListener("click", function () { go(state.index + pair[1]); });
      buttons.appendChild(b);
    });
    var notes = h.element("button", "", t.notes); notes.type = "button";
    notes.setAttribute("aria-pressed", "false");
    notes.setAttribute("data-present-notes", "");
    notes.addEventListener("click", toggleNotes);
    buttons.appendChild(notes);
    var blank = h.element("button", "", t.blank); blank.type = "button";
    blank.addEventListener("click", toggleBlank);
    var leave = h.element("button", "", t.leave); leave.type = "button";
    leave.addEventListener("click", close);
    // To rehearse or start late: the plan's times count from the moment this is pressed, as
    // if the current slide had been planned for now.
    var fromNow = h.element("button", "", t.from_now); fromNow.type = "button";
    fromNow.setAttribute("data-present-from-now", "");
    fromNow.addEventListener("click", function () {
      var s = state.slides[state.index], date = new Date(now());
      if (s.planned === undefined) return;
      state.shift = date.getHours() * 60 + date.getMinutes() - s.planned;
      state.since = now();
      go(state.index);
    });
    buttons.append(fromNow, blank, leave);
    layer.addEventListener("keydown", key);
    document.body.appendChild(layer);
  }

  function key(event) {
    var k = event.key;
    if (k === "ArrowRight" || k === "ArrowDown" || k === "PageDown" || k === " " || k === "Spacebar") go(state.index + 1);
    else if (k === "ArrowLeft" || k === "ArrowUp" || k === "PageUp") go(state.index - 1);
    else if (k === "b" || k === "B" || k === ".") toggleBlank();
    else if (k === "n" || k === "N") toggleNotes();
    else if (k === "Escape") close();
    else return;
    event.preventDefault();
  }

  function toggleBlank() {
    var blank = layer.querySelector(".presenter-blank");
    blank.hidden = !blank.hidden;
    layer.classList.toggle("is-blank", !blank.hidden);
  }

  // The trainer's notes of the slide, beside it: for a rehearsal or a second screen, off at the start.
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

  function go(index) {
    if (index < 0 || index >= state.slides.length) return;
    state.index = index;
    state.since = now();
    var s = state.slides[index];
    layer.querySelector(".presenter-kicker").textContent = s.kicker ||
      (s.block ? shifted(s.block.start) + "–" + shifted(s.block.end) : "");
    layer.querySelector("[data-present-from-now]").hidden = s.planned === undefined;
    layer.querySelector(".presenter-title").textContent = s.title;
    var body = layer.querySelector(".presenter-body");
    body.innerHTML = s.html;
    drawPictures(body);
    showNotes();
    var next = state.slides[index + 1];
    layer.querySelector(".presenter-next").textContent = next ? h.fill(t.next_up, next.kicker ? next.kicker + " · " + next.title : next.title) : t.last;
    layer.querySelector(".presenter-position").textContent = h.fill(t.position, index + 1, state.slides.length);
    layer.querySelector("[data-present-prev]").disabled = index === 0;
    layer.querySelector("[data-present-next]").disabled = index === state.slides.length - 1;
    tick();
  }

  // A slide that links to a staircase shows it drawn beneath its text: a link to its page,
  // or to its `#id` when the page has more than one.
  function drawPictures(body) {
    var shown = [];
    body.querySelectorAll("a[href]").forEach(function (a) {
      var to = new URL(a.getAttribute("href"), location.href);
      var anchor = decodeURIComponent(to.hash.slice(1));
      to.hash = "";
      state.pictures.forEach(function (p) {
        if (new URL(p.href, location.href).href !== to.href || (anchor && anchor !== p.id)) return;
        if (shown.indexOf(p) < 0) shown.push(p);
      });
    });
    shown.forEach(function (p) { body.insertAdjacentHTML("beforeend", p.html); });
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
  }

  // `from`: the button that opened it, where the focus goes back on leaving (also in a
  // browser that does not focus a button when it is clicked).
  function open(data, from) {
    var slides = data.blocks ? planSlides(data) : exerciseSlides(data, null);
    if (!slides.length) return;
    opener = from && from.focus ? from : document.activeElement;
    if (!layer) build();
    // The day's drawings, and each exercise's (Min plan's blocks carry their own).
    var pictures = (data.pictures || []).slice();
    (data.blocks || []).forEach(function (b) { pictures = pictures.concat((b.exercise && b.exercise.pictures) || []); });
    state = { slides: slides, index: 0, since: now(), shift: 0, pictures: pictures };
    layer.hidden = false;
    document.documentElement.classList.add("presenting");
    go(0);
    layer.focus();
    if (layer.requestFullscreen) layer.requestFullscreen().catch(function () {});
    timer = setInterval(tick, 250);
  }

  function close() {
    if (!state) return;
    clearInterval(timer);
    state = null;
    layer.hidden = true;
    layer.classList.remove("is-blank", "is-time-up");
    layer.querySelector(".presenter-blank").hidden = true;
    document.documentElement.classList.remove("presenting");
    if (document.fullscreenElement && document.exitFullscreen) document.exitFullscreen().catch(function () {});
    if (opener && opener.focus) opener.focus();
  }

  document.addEventListener("fullscreenchange", function () {
    if (!document.fullscreenElement && state && state.full) close();
    if (document.fullscreenElement && state) state.full = true;
  });

  function fromPage(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  // An exercise page's button (its JSON block, else the planner button's facts); a plan page's.
  document.querySelectorAll(".plan-actions [data-present]").forEach(function (button) {
    button.addEventListener("click", function () {
      open(fromPage("trappa-exercise") || JSON.parse(button.closest("[data-plan-add]").getAttribute("data-plan-add")), button);
    });
  });
  var plan = fromPage("trappa-plan");
  if (plan) {
    var button = h.element("button", "present-plan no-print", t.open);
    button.type = "button";
    button.addEventListener("click", function () { open(plan, button); });
    var place = document.querySelector(".page-header");
    if (place) place.appendChild(button);
  }

  window.trappaPresent = { open: open, close: close, tick: tick };
})();
