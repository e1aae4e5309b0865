// Reading paths, on top of what the pages show without it (the path's steps in order, each
// step page's place and the way on): on a path's page, the steps read ticked with their
// dates, how many minutes are left, a link to go on where one left off, and a form done a
// month ago or more suggested again; on a step page, "Mark as read"; on the path's summary,
// what the reader has done, with the results and notes of the path's forms (saved.js), to
// print or download. Progress is kept in this browser's localStorage only, per path id, each
// step under its page's path from the site's root, so the path page and the step page agree
// from file:// as from a host. Nothing is sent anywhere, but in a learning platform: there the
// path the package was launched as keeps its marks with the platform (scorm.js). The path's
// certificate shows the steps, the day the last was marked, and the name the person types
// (kept in this browser only), or the platform's name for the learner.
(function () {
  "use strict";

  var STORE_PREFIX = "trappa-lasvag:";
  // A self-assessment is worth doing again after about a month (the bundled path says so).
  var AGAIN_AFTER_DAYS = 30;
  var helpers = window.trappaHelpers, fill = helpers.fill, element = helpers.element, day = helpers.longDate;
  var saved = window.trappaSaved;

  function all(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }

  // In a learning platform (a SCORM package's launch page around this page), the path it
  // was launched as keeps its marks there, so the person goes on from any computer.
  var session = helpers.scorm();
  function inPlatform(id) {
    return Boolean(session) && session.path === id;
  }

  // { read: { "trappan/kompetenstrappan.html": "2026-12-02T05:40:00.000Z", … } }
  function load(id) {
    try {
      var saved = JSON.parse((inPlatform(id) ? session.progress() : localStorage.getItem(STORE_PREFIX + id)) || "{}");
      if (saved && saved.read && typeof saved.read === "object") return saved;
    } catch (e) {
      // unreadable progress (edited by hand?) or no storage: start afresh
    }
    return { read: {} };
  }

  // false when the browser does not let the page save.
  function store(id, progress) {
    try {
      if (inPlatform(id)) return session.store(JSON.stringify(progress));
      if (Object.keys(progress.read).length) localStorage.setItem(STORE_PREFIX + id, JSON.stringify(progress));
      else localStorage.removeItem(STORE_PREFIX + id);
      return true;
    } catch (e) {
      return false;
    }
  }

  function strings(node) {
    return JSON.parse(node.getAttribute("data-strings"));
  }

  // ---- The path's page ----

  // Ticks the steps (`[data-step]` under `root`) read, with their dates, and says how far the
  // reader has come in the `[data-path-progress]` line. Returns the steps and the last one read.
  function markSteps(root, progress, t) {
    var steps = all(root, "[data-step]");
    var read = 0, left = 0, last = -1;
    steps.forEach(function (step, i) {
      var when = progress.read[step.getAttribute("data-step")];
      step.classList.toggle("is-read", Boolean(when));
      step.querySelector("[data-step-state]").textContent = when ? fill(t.read_on, day(when)) : t.unread;
      if (when) {
        read += 1;
        last = i;
      } else {
        left += Number(step.getAttribute("data-minutes"));
      }
    });
    var status = root.querySelector("[data-path-progress]");
    status.textContent = read === steps.length ? fill(t.done, steps.length) : fill(t.progress, read, steps.length, left);
    status.hidden = false;
    return { steps: steps, read: read, last: last };
  }

  function showPath(section, t) {
    var marked = markSteps(section, load(section.getAttribute("data-path")), t);
    var steps = marked.steps, read = marked.read, last = marked.last;
    steps.forEach(function (step) { suggestAgain(step, t); });
    // Where one left off: the first step not read after the last one read (a step skipped
    // on the way is still ticked off as not read in the list).
    var after = steps.slice(last + 1).concat(steps.slice(0, last + 1));
    var next = after.filter(function (step) { return !step.classList.contains("is-read"); })[0];
    var go = section.querySelector("[data-path-continue]");
    go.textContent = "";
    go.hidden = !(read && next);
    if (read && next) {
      var link = next.querySelector("a");
      var to = document.createElement("a");
      to.href = link.getAttribute("href");
      to.textContent = fill(t["continue"], link.textContent);
      go.appendChild(to);
    }
  }

  // The newest result of each form on the step: one from a month ago or more (and none since)
  // is worth doing again, to see how far one has come.
  function suggestAgain(step, t) {
    var place = step.querySelector("[data-step-again]");
    if (!place) return;
    var today = saved.today(), text = "";
    JSON.parse(step.getAttribute("data-forms")).forEach(function (form) {
      var list;
      try { list = saved.history(form.id, form.version); } catch (e) { list = []; }
      var last = list[list.length - 1];
      var days = last ? saved.daysBetween(last.day, today) : 0;
      if (days >= AGAIN_AFTER_DAYS && !text) text = fill(t.again, days, form.title);
    });
    place.textContent = text;
    place.hidden = !text;
  }

  function setUpPath(section) {
    var t = strings(section), id = section.getAttribute("data-path");
    var actions = section.querySelector(".path-actions");
    actions.querySelector("[data-path-clear]").addEventListener("click", function () {
      store(id, { read: {} });
      showPath(section, t);
      section.querySelector("[data-path-progress]").textContent = t.cleared;
    });
    actions.hidden = false;
    showPath(section, t);
    // Marked in another tab of the same site: follow.
    window.addEventListener("storage", function (event) {
      if (event.key === null || event.key === STORE_PREFIX + id) showPath(section, t);
    });
  }

  // ---- A step page ----

  function setUpStep(nav) {
    var t = strings(nav), id = nav.getAttribute("data-path"), key = nav.getAttribute("data-step");
    var button = nav.querySelector("[data-path-mark]"), state = nav.querySelector("[data-path-mark-state]");
    function show() {
      var when = load(id).read[key];
      button.setAttribute("aria-pressed", when ? "true" : "false");
      state.textContent = when ? fill(t.read_on, day(when)) : "";
    }
    button.addEventListener("click", function () {
      var progress = load(id);
      if (progress.read[key]) delete progress.read[key];
      else progress.read[key] = new Date().toISOString();
      if (store(id, progress)) show();
      else state.textContent = t.storage_unavailable;
    });
    button.parentNode.hidden = false;
    show();
  }

  // ---- The path's summary ----

  // One form's result as its summary shows it: the score and band, the chart, when it was
  // answered and the results of earlier days. Returns the lines of the downloaded text.
  function showFormResult(node, t, record, history) {
    var place = node.querySelector("[data-summary-result]"), title = node.querySelector("h3").textContent.trim();
    var lines = [title];
    place.textContent = "";
    var result = record && record.result, answeredDay = record ? saved.today(new Date(record.saved)) : null;
    function scoreText(entry) {
      // A staircase's answer is the step chosen ("Steg 2: …"), not its points.
      if (entry.steps && entry.steps.length) {
        return entry.steps.map(function (s) { return fill(t.step, s.number, s.title); }).join("; ");
      }
      var text = fill(t.score, entry.points, entry.high);
      return entry.complete ? text : text + " (" + t.incomplete + ")";
    }
    function add(className, text) {
      place.appendChild(element("p", className, text));
      lines.push("  " + text);
    }
    if (!result || !result.answered) {
      add("summary-not-done", t.not_done);
    } else {
      add("summary-score", scoreText(result));
      if (result.band) add("summary-band", result.band);
      (result.sections || []).forEach(function (part) {
        add("summary-section", part.title + ": " + fill(t.score, part.points, part.high) + (part.band ? ". " + part.band : ""));
      });
      if (result.chart !== "none" && result.rows && result.rows.length) {
        var label = t.chart + ": " + result.rows.map(function (r) { return r.label + " " + r.text; }).join("; ");
        place.appendChild(window.trappaCharts.draw(result.chart, result.rows, label));
      }
      add("summary-answered", fill(t.answered_on, day(record.saved)));
    }
    var earlier = history.filter(function (entry) { return entry.day !== answeredDay; }).reverse();
    if (earlier.length) {
      add("summary-earlier", fill(t.earlier, earlier.map(function (entry) { return day(entry.day) + ": " + scoreText(entry); }).join("; ")));
    }
    return lines;
  }

  // The notes of a form's text questions, under the form's title. Returns the text's lines.
  function showNotes(place, title, notes) {
    if (!notes.length) return [];
    var lines = [title], list = element("dl", "summary-note-list");
    place.appendChild(element("h3", null, title));
    notes.forEach(function (note) {
      list.appendChild(element("dt", null, note.question));
      list.appendChild(element("dd", null, note.text));
      lines.push("  " + note.question, "    " + note.text.replace(/\n/g, "\n    "));
    });
    place.appendChild(list);
    return lines;
  }

  function setUpSummary(page) {
    var t = strings(page), id = page.getAttribute("data-summary"), text = [];
    var forms = all(page, "[data-form]"), status = page.querySelector("[data-summary-status]");
    function show() {
      var marked = markSteps(page, load(id), t);
      var made = fill(t.made, day(new Date()));
      page.querySelector("[data-summary-made]").textContent = made;
      text = [page.querySelector("h1").textContent.trim(), made, "", page.querySelector("#sammanfattning-steg").textContent.trim(), marked.steps.length ? page.querySelector("[data-path-progress]").textContent : ""];
      marked.steps.forEach(function (step) {
        text.push("- " + step.querySelector("a").textContent.trim() + ": " + step.querySelector("[data-step-state]").textContent);
      });
      if (!forms.length) return;
      var notesPlace = page.querySelector("[data-summary-notes]"), noteLines = [];
      notesPlace.textContent = "";
      text.push("", page.querySelector("#sammanfattning-formular").textContent.trim());
      forms.forEach(function (node) {
        var formId = node.getAttribute("data-form"), version = node.getAttribute("data-version"), record = null, history = [];
        try {
          record = saved.answers(formId, version);
          history = saved.history(formId, version);
        } catch (e) {
          status.textContent = t.storage_unavailable;
        }
        text = text.concat(showFormResult(node, t, record, history));
        var notes = record && record.result && Array.isArray(record.result.notes) ? record.result.notes : [];
        noteLines = noteLines.concat(showNotes(notesPlace, node.querySelector("h3").textContent.trim(), notes));
      });
      if (!noteLines.length) notesPlace.appendChild(element("p", null, t.no_notes));
      text.push("", page.querySelector("#sammanfattning-anteckningar").textContent.trim());
      text = text.concat(noteLines.length ? noteLines : [t.no_notes]);
    }
    var actions = page.querySelector("[data-summary-actions]");
    actions.querySelector("[data-summary-print]").addEventListener("click", function () { window.print(); });
    actions.querySelector("[data-summary-download]").addEventListener("click", function () {
      show();
      // The byte-order mark makes Notepad read å, ä and ö as UTF-8.
      helpers.download(page.getAttribute("data-file-name"), "text/plain;charset=utf-8", "\ufeff" + text.join("\r\n") + "\r\n");
    });
    actions.querySelector("[data-summary-clear]").addEventListener("click", function () {
      store(id, { read: {} });
      try {
        forms.forEach(function (node) {
          saved.removeAnswers(node.getAttribute("data-form"));
          saved.removeHistory(node.getAttribute("data-form"), true);
        });
      } catch (e) {
        // storage unavailable: nothing was kept
      }
      show();
      status.textContent = t.cleared;
    });
    actions.hidden = false;
    show();
    window.addEventListener("storage", show);
  }

  // ---- The path's certificate ----

  var NAME_KEY = "trappa-intyg-namn";

  function setUpCertificate(page) {
    var t = strings(page), id = page.getAttribute("data-certificate");
    var input = page.querySelector("[data-certificate-name-input]"), name = page.querySelector("[data-certificate-name]");
    function show() {
      var progress = load(id), marked = markSteps(page, progress, t);
      var days = marked.steps.map(function (step) { return progress.read[step.getAttribute("data-step")]; });
      var last = days.slice().sort().pop();
      page.querySelector("[data-certificate-done]").textContent = marked.read === marked.steps.length
        ? fill(t.done_on, day(last))
        : fill(t.not_done, marked.read, marked.steps.length);
      name.textContent = input.value.trim();
    }
    try {
      input.value = localStorage.getItem(NAME_KEY) || "";
    } catch (e) {
      // no storage: the name is typed each time
    }
    input.addEventListener("input", function () {
      try {
        if (input.value.trim()) localStorage.setItem(NAME_KEY, input.value.trim());
        else localStorage.removeItem(NAME_KEY);
      } catch (e) {
        // no storage: the name stays on the page until it is left
      }
      show();
    });
    var learner = inPlatform(id) ? session.learnerName() : "";
    if (learner) {
      // SCORM 1.2 gives "Last, First": the certificate says it as it is read.
      var parts = learner.split(",");
      var shown = parts.length === 2 ? parts[1].trim() + " " + parts[0].trim() : learner;
      var place = page.querySelector("[data-certificate-learner]");
      place.textContent = fill(t.learner, shown);
      place.hidden = false;
    }
    page.querySelector("[data-certificate-print]").addEventListener("click", function () { window.print(); });
    page.querySelector("[data-certificate-actions]").hidden = false;
    show();
    window.addEventListener("storage", show);
  }

  all(document, ".reading-path[data-path]").forEach(setUpPath);
  all(document, ".path-certificate[data-certificate]").forEach(setUpCertificate);
  all(document, ".path-summary[data-summary]").forEach(setUpSummary);
  all(document, ".path-place[data-path]").forEach(setUpStep);
})();
