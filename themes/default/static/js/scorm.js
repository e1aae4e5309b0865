// The launch page of a reading path in a SCORM package (`trappa pack --scorm`): the one script
// that talks to the learning platform. It finds the platform's API (window.API for SCORM 1.2,
// API_1484_11 for 2004: up the frames, then the window that opened this one), starts the
// session, and shows the path's pages in a frame, so that the session lasts while the person
// goes from page to page; it ends the session when this page is left. The pages inside reach
// it as `trappaScorm` (helpers.js finds it): path.js keeps the path's marks here instead of in
// localStorage, forms.js reports the one form's score a path may opt in to.
//
// What the platform is told, and nothing else: that the path is incomplete or completed, the
// page the person is on, the steps marked read with their days (in suspend_data, so that the
// person goes on from any computer), and, with `report_score`, one form's score in percent.
// Never an answer, a note or a name. Without a platform the page opens the path's first step.
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("trappa-scorm").textContent);
  var v12 = config.version === "1.2";
  var API_NAME = v12 ? "API" : "API_1484_11";
  var CALL = v12
    ? { start: "LMSInitialize", get: "LMSGetValue", set: "LMSSetValue", commit: "LMSCommit", end: "LMSFinish" }
    : { start: "Initialize", get: "GetValue", set: "SetValue", commit: "Commit", end: "Terminate" };
  var CMI = v12
    ? { status: "cmi.core.lesson_status", place: "cmi.core.lesson_location", exit: "cmi.core.exit", name: "cmi.core.student_name", score: "cmi.core.score." }
    : { status: "cmi.completion_status", place: "cmi.location", exit: "cmi.exit", name: "cmi.learner_name", score: "cmi.score." };
  // A page name as the package writes them: folders and a file of the site, nothing else.
  var PLACE = /^(?!.*\.\.)[A-Za-z0-9._~%-]+(\/[A-Za-z0-9._~%-]+)*\.html$/;
  var DAY = /^\d{4}-\d\d-\d\d$/;

  var start = document.querySelector("[data-scorm-first]").getAttribute("href");

  // The API in `win` or one of its parents; a frame of another origin is passed over.
  function apiAbove(win) {
    for (var depth = 0; win && depth < 10; depth += 1) {
      try {
        if (win[API_NAME]) return win[API_NAME];
      } catch (e) {
        // another origin: look further up
      }
      if (win.parent === win) break;
      win = win.parent;
    }
    return null;
  }

  function findApi() {
    var api = apiAbove(window);
    if (!api && window.opener) {
      try { api = apiAbove(window.opener); } catch (e) { api = null; }
    }
    return api;
  }

  var api = findApi();
  // No platform (a folder, a web server) or one that will not start: the path as the site has it.
  if (!api || String(api[CALL.start]("")) !== "true") {
    location.replace(start);
    return;
  }

  function get(element) {
    var value = api[CALL.get](element);
    return value === undefined || value === null ? "" : String(value);
  }
  function set(element, value) {
    api[CALL.set](element, String(value));
  }

  // { v: 1, at: "trappan/kompetenstrappan.html", read: { "1": "2026-12-02", … } }: the steps by
  // their number, each with the day it was marked. What the platform kept is checked, not trusted.
  function readState(text) {
    var state = { v: 1, at: "", read: {} };
    try {
      var kept = JSON.parse(text || "{}");
      if (kept && typeof kept.at === "string" && PLACE.test(kept.at)) state.at = kept.at;
      Object.keys((kept && kept.read) || {}).forEach(function (n) {
        var number = Number(n), when = kept.read[n];
        if (number >= 1 && number <= config.steps.length && typeof when === "string" && DAY.test(when)) state.read[String(number)] = when;
      });
    } catch (e) {
      // unreadable suspend_data: start afresh
    }
    return state;
  }

  var state = readState(get("cmi.suspend_data"));
  var learner = get(CMI.name);

  function done() {
    return config.steps.every(function (key, i) { return Boolean(state.read[String(i + 1)]); });
  }

  // Everything the platform keeps, then a commit: after each step marked and each page opened.
  function save() {
    set("cmi.suspend_data", JSON.stringify(state));
    if (state.at) set(CMI.place, state.at);
    set(CMI.status, done() ? "completed" : "incomplete");
    api[CALL.commit]("");
  }

  var ended = false;
  function end() {
    if (ended) return;
    ended = true;
    // "suspend": the platform keeps suspend_data for the next launch.
    set(CMI.exit, "suspend");
    api[CALL.commit]("");
    api[CALL.end]("");
  }

  window.trappaScorm = {
    path: config.path,
    // The marks as path.js keeps them, { read: { "trappan/kompetenstrappan.html": "2026-12-02" } }, as JSON.
    progress: function () {
      var read = {};
      config.steps.forEach(function (key, i) {
        var when = state.read[String(i + 1)];
        if (when) read[key] = when;
      });
      return JSON.stringify({ read: read });
    },
    // Marks from path.js (JSON as above, times or days); those of pages off the path are left out.
    store: function (json) {
      if (ended) return false;
      var read = (JSON.parse(json) || {}).read || {};
      state.read = {};
      config.steps.forEach(function (key, i) {
        var when = read[key];
        if (typeof when === "string" && when.length >= 10 && DAY.test(when.slice(0, 10))) state.read[String(i + 1)] = when.slice(0, 10);
      });
      save();
      return true;
    },
    learnerName: function () {
      return learner;
    },
    reportsScore: function (formId) {
      return Boolean(config.report_score && config.report_score.id === formId);
    },
    // The share of the form's range reached, 0–100: the one number a platform is given of a form.
    reportScore: function (formId, version, percent) {
      if (ended || !this.reportsScore(formId) || config.report_score.version !== version) return;
      var raw = Math.max(0, Math.min(100, Math.round(Number(percent) || 0)));
      set(CMI.score + "raw", raw);
      set(CMI.score + "min", 0);
      set(CMI.score + "max", 100);
      if (!v12) set(CMI.score + "scaled", raw / 100);
      api[CALL.commit]("");
    }
  };

  // The place: the page shown in the frame, by its name in the package.
  var base = location.href.replace(/[?#].*$/, "").replace(/[^/]*$/, "");
  function placeOf(frame) {
    var href;
    try { href = frame.contentWindow.location.href; } catch (e) { return ""; }
    href = href.replace(/[?#].*$/, "");
    if (href.indexOf(base) !== 0) return "";
    var name = href.slice(base.length);
    return PLACE.test(name) ? name : "";
  }

  var frame = document.createElement("iframe");
  frame.className = "scorm-frame";
  frame.title = config.title;
  frame.addEventListener("load", function () {
    var place = placeOf(frame);
    if (place && place !== state.at) {
      state.at = place;
      save();
    }
    try { document.title = frame.contentDocument.title; } catch (e) { /* another origin: keep the title */ }
  });
  document.querySelector("[data-scorm-start]").hidden = true;
  // At the first step, the path is begun: incomplete until every step is marked read.
  save();
  frame.src = state.at || start;
  document.body.appendChild(frame);
  window.addEventListener("pagehide", end);
})();
