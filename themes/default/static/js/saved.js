// What the self-assessments keep in this browser's localStorage, for forms.js, which writes
// it, and path.js, which reads it on a reading path and its summary: per form and form
// version, the answers with the result they give, and the results of earlier days (one a
// day), so that a form done again can be set beside the last time. Nothing is sent anywhere.
// The functions throw where the browser does not let a page use its storage.
(function () {
  "use strict";

  var ANSWERS = "trappa-svar:", HISTORY = "trappa-historik:";
  // A result a day for two years of monthly check-ins is plenty; older ones drop off.
  var MAX_DAYS = 24;

  // Saved answers are keyed by form id and version, so a changed form never reads answers
  // given to its earlier questions.
  function key(prefix, id, version) {
    return prefix + JSON.stringify([id, version]);
  }

  // Every key of `prefix` saved for form `id`, whatever its version.
  function keysOf(prefix, id) {
    var keys = [];
    for (var i = 0; i < localStorage.length; i++) {
      var name = localStorage.key(i);
      if (name.indexOf(prefix) !== 0) continue;
      try {
        if (JSON.parse(name.slice(prefix.length))[0] === id) keys.push(name);
      } catch (e) {
        // a key of another shape under our prefix: not this form's
      }
    }
    return keys;
  }

  function parsed(name, fallback) {
    try {
      var value = JSON.parse(localStorage.getItem(name));
      return value === null ? fallback : value;
    } catch (e) {
      return fallback; // edited by hand? read as nothing; the next save overwrites it
    }
  }

  // Today in the reader's own time zone, as YYYY-MM-DD (sorts as it reads).
  function today(now) {
    var d = now || new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }

  function history(id, version) {
    var list = parsed(key(HISTORY, id, version), []);
    if (!Array.isArray(list)) return [];
    return list.filter(function (e) { return e && typeof e.day === "string"; }).sort(function (a, b) { return a.day < b.day ? -1 : a.day > b.day ? 1 : 0; });
  }

  function storeHistory(id, version, list) {
    if (list.length) localStorage.setItem(key(HISTORY, id, version), JSON.stringify(list.slice(-MAX_DAYS)));
    else localStorage.removeItem(key(HISTORY, id, version));
  }

  window.trappaSaved = {
    today: today,
    // Whole days from one YYYY-MM-DD to another.
    daysBetween: function (from, to) {
      return Math.round((Date.parse(to + "T12:00:00") - Date.parse(from + "T12:00:00")) / 86400000);
    },
    // { answers, saved, result } of the form's version, or null.
    answers: function (id, version) {
      var record = parsed(key(ANSWERS, id, version), null);
      return record && typeof record === "object" ? record : null;
    },
    // Whether answers to another version of the form are kept (the form has changed).
    hasOtherVersion: function (id, version) {
      return keysOf(ANSWERS, id).some(function (name) { return name !== key(ANSWERS, id, version); });
    },
    saveAnswers: function (id, version, record) {
      if (record) localStorage.setItem(key(ANSWERS, id, version), JSON.stringify(record));
      else localStorage.removeItem(key(ANSWERS, id, version));
    },
    // Removes the answers to every version of the form.
    removeAnswers: function (id) {
      keysOf(ANSWERS, id).forEach(function (name) { localStorage.removeItem(name); });
    },
    // The results by day, oldest first: [{ day, points, low, high, complete, band }].
    history: history,
    // Today's result (null: none today), in place of any earlier one of the same day.
    recordToday: function (id, version, result) {
      var day = today(), list = history(id, version).filter(function (e) { return e.day !== day; });
      if (result) list.push({ day: day, points: result.points, low: result.low, high: result.high, complete: result.complete, band: result.band, steps: result.steps || [] });
      storeHistory(id, version, list);
    },
    // Removes the results of earlier days, or of every day with `all`, for every version.
    removeHistory: function (id, all) {
      var day = today();
      keysOf(HISTORY, id).forEach(function (name) {
        var version = JSON.parse(name.slice(HISTORY.length))[1];
        storeHistory(id, version, all ? [] : history(id, version).filter(function (e) { return e.day === day; }));
      });
    }
  };
})();
