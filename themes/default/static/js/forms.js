// Self-assessment forms, on top of the worksheet the form component renders (which works and
// prints without this script): answers saved in this browser only, per form and form
// version; results with bands, advice and an SVG chart; export as JSON and CSV; print; and a
// group mode for staff days, where each participant shows an anonymous answer code (text and
// QR code, qr.js) and the trainer pastes the codes into the same page (#FORM-grupp) to see
// how many chose each answer. Nothing is ever sent anywhere.
(function () {
  "use strict";

  // Answer codes use Crockford's base 32: no I, L, O or U, so they read aloud well.
  var ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  var CHECK_MODULUS = 1021; // prime: a checksum over it catches every single wrong character
  var KEY_LENGTH = 4;
  var CHECK_LENGTH = 2;

  var fill = window.trappaHelpers.fill, element = window.trappaHelpers.element, svgElement = window.trappaHelpers.svgElement;
  var longDate = window.trappaHelpers.longDate, download = window.trappaHelpers.download;

  function all(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }

  function sum(values) {
    return values.reduce(function (a, b) { return a + b; }, 0);
  }

  // ---- The form as data, read once from the worksheet's markup ----

  function bandsIn(container) {
    return all(container, ":scope > .form-bands li").map(function (node) {
      return { min: Number(node.getAttribute("data-min")), max: Number(node.getAttribute("data-max")), node: node };
    });
  }

  function readForm(form) {
    var id = form.getAttribute("data-form");
    var questions = all(form, "[data-question]").map(function (node) {
      var kind = node.getAttribute("data-kind"), section = node.closest(".form-section");
      var inputs = all(node, "input, textarea");
      return {
        id: node.getAttribute("data-question"),
        kind: kind,
        text: node.querySelector("legend, label").textContent.trim(),
        section: section ? Number(section.getAttribute("data-section")) : null,
        staircase: node.getAttribute("data-staircase"),
        input: inputs[0],
        options: kind === "text" ? [] : inputs.map(function (input) {
          return {
            input: input,
            // The label beside the input, not input.labels: that searches the whole
            // document for each input, which on a long form is work in the square of its size.
            label: input.parentNode.querySelector("label").textContent.trim(),
            score: Number(input.getAttribute("data-score")),
            advice: input.parentNode.querySelector(".option-advice")
          };
        })
      };
    });
    var sections = all(form, ".form-section").map(function (node, n) {
      return {
        title: node.querySelector("legend").textContent.trim(),
        bands: bandsIn(node),
        questions: questions.filter(function (q) { return q.section === n; })
      };
    });
    // The parts' ids are the form's id and a suffix the build names in the strings block.
    var strings = JSON.parse(form.querySelector(".form-strings").textContent);
    var results = document.getElementById(id + strings.ids.results), group = document.getElementById(id + strings.ids.group);
    return {
      id: id,
      version: form.getAttribute("data-form-version"),
      title: form.querySelector(".form-title").textContent.trim(),
      chart: form.getAttribute("data-chart"),
      node: form,
      questions: questions,
      scored: questions.filter(function (q) { return q.kind !== "text"; }),
      sections: sections,
      bands: bandsIn(form),
      strings: strings,
      status: form.querySelector(".form-status"),
      notice: form.querySelector(".form-notice"),
      results: results,
      code: results.querySelector(".answer-code"),
      group: group
    };
  }

  // ---- Answers and where they are kept ----

  function currentAnswers(model) {
    var answers = {};
    model.questions.forEach(function (q) {
      if (q.kind === "text") {
        if (q.input.value) answers[q.id] = q.input.value;
        return;
      }
      var picked = [];
      q.options.forEach(function (option, i) { if (option.input.checked) picked.push(i); });
      if (picked.length) answers[q.id] = picked;
    });
    return answers;
  }

  function showAnswers(model, answers) {
    model.questions.forEach(function (q) {
      var answer = answers[q.id];
      if (q.kind === "text") q.input.value = typeof answer === "string" ? answer : "";
      else q.options.forEach(function (option, i) { option.input.checked = Array.isArray(answer) && answer.indexOf(i) >= 0; });
    });
  }

  var saved = window.trappaSaved;

  function showNotice(model, text) {
    model.notice.textContent = text;
    model.notice.hidden = !text;
  }

  // The answers, and the result they give as a summary page shows it without the form (and
  // as today's line in the form's history when a question that scores is answered).
  function save(model) {
    try {
      var answers = currentAnswers(model);
      var result = Object.keys(answers).length ? snapshot(model) : null;
      saved.saveAnswers(model.id, model.version, result && { answers: answers, saved: new Date().toISOString(), result: result });
      saved.recordToday(model.id, model.version, result && result.answered ? result : null);
    } catch (e) {
      showNotice(model, model.strings.form_storage_unavailable);
    }
    reportScore(model);
  }

  // A reading path in a learning platform may report one form's score (`report_score`), and
  // the form says so above its questions. Only the share of the form's range reached, 0–100,
  // and only once every question that scores is answered; the answers stay here.
  var platform = window.trappaHelpers.scorm();
  function reportsScore(model) {
    return Boolean(platform) && platform.reportsScore(model.id);
  }
  function reportScore(model) {
    if (!reportsScore(model) || !model.scored.length) return;
    var whole = score(model.scored);
    if (!whole.complete) return;
    platform.reportScore(model.id, model.version, whole.high > whole.low ? (100 * (whole.points - whole.low)) / (whole.high - whole.low) : 0);
  }

  function restore(model) {
    var record = null;
    try {
      record = saved.answers(model.id, model.version);
      if (!record && saved.hasOtherVersion(model.id, model.version)) showNotice(model, model.strings.form_old_version);
    } catch (e) {
      showNotice(model, model.strings.form_storage_unavailable);
    }
    if (record && record.answers && typeof record.answers === "object") showAnswers(model, record.answers);
  }

  // The answers go, with today's result; the results of earlier days stay for the next time
  // (they have a button of their own).
  function clear(model) {
    try {
      saved.removeAnswers(model.id);
      saved.recordToday(model.id, model.version, null);
    } catch (e) {
      // storage unavailable: nothing was saved, the fields are cleared below
    }
    showAnswers(model, {});
    showNotice(model, "");
    model.results.hidden = true;
    if (model.code) {
      model.code.hidden = true;
      model.results.querySelector("[data-action=code]").setAttribute("aria-expanded", "false");
    }
    markBands(model, null);
    model.status.textContent = model.strings.form_cleared;
  }

  // ---- Scores and bands ----

  // Points of `questions` with the range complete answers can reach; a band applies only
  // when every one-of question is answered (an unticked tick list is an answer).
  function score(questions) {
    var points = 0, low = 0, high = 0, open = 0, oneOf = 0;
    questions.forEach(function (q) {
      if (q.kind === "text") return;
      var scores = q.options.map(function (o) { return o.score; });
      if (q.kind === "tick") {
        low += sum(scores.filter(function (s) { return s < 0; }));
        high += sum(scores.filter(function (s) { return s > 0; }));
      } else {
        low += Math.min.apply(null, scores);
        high += Math.max.apply(null, scores);
        oneOf++;
        if (!q.options.some(function (o) { return o.input.checked; })) open++;
      }
      q.options.forEach(function (o) { if (o.input.checked) points += o.score; });
    });
    return { points: points, low: low, high: high, complete: open === 0, answered: oneOf - open, oneOf: oneOf };
  }

  function bandFor(bands, result) {
    if (!result.complete) return null;
    return bands.filter(function (b) { return result.points >= b.min && result.points <= b.max; })[0] || null;
  }

  // The band's feedback without its "0–3 points:" lead, as a paragraph (links included).
  function bandContent(band) {
    var copy = band.node.cloneNode(true), paragraph = element("p");
    copy.removeChild(copy.querySelector("strong"));
    all(copy, ".band-current").forEach(function (n) { n.remove(); });
    while (copy.firstChild) paragraph.appendChild(copy.firstChild);
    return paragraph;
  }

  // The band's feedback in words only, for announcements and exports.
  function bandText(band) {
    return band.node.querySelector(".band-text").textContent.trim();
  }

  // Marks the bands that apply in the worksheet's own band lists, in words as well as looks.
  function markBands(model, scopes) {
    all(model.node, ".band-current").forEach(function (n) { n.remove(); });
    all(model.node, ".is-current-band").forEach(function (n) { n.classList.remove("is-current-band"); });
    (scopes || []).forEach(function (scope) {
      if (!scope.band) return;
      scope.band.node.classList.add("is-current-band");
      scope.band.node.appendChild(element("strong", "band-current", " " + model.strings.form_band_current));
    });
  }

  // The whole form and each section with questions that score.
  function scopes(model) {
    var list = [];
    model.sections.forEach(function (section) {
      if (!section.questions.some(function (q) { return q.kind !== "text"; })) return;
      var result = score(section.questions);
      list.push({ title: section.title, result: result, band: bandFor(section.bands, result) });
    });
    var total = score(model.questions);
    list.unshift({ title: model.strings.form_whole_form, result: total, band: bandFor(model.bands, total) });
    return list;
  }

  // ---- Results view ----

  function scoreText(model, result) {
    return fill(model.strings.form_score, result.points, result.high);
  }

  function scopeHtml(model, scope, heading) {
    var part = element("div", "results-scope");
    if (heading) part.appendChild(element("h3", null, scope.title));
    part.appendChild(element("p", "results-score", scoreText(model, scope.result)));
    if (scope.band) {
      var band = element("div", "results-band");
      band.appendChild(bandContent(scope.band));
      part.appendChild(band);
    } else if (!scope.result.complete) {
      part.appendChild(element("p", "results-incomplete", fill(model.strings.form_answered, scope.result.answered, scope.result.oneOf) + " " + model.strings.form_answer_all));
    }
    return part;
  }

  // Advice of every ticked or chosen option that has some.
  function adviceHtml(model) {
    var items = [];
    model.scored.forEach(function (q) {
      q.options.forEach(function (o) {
        if (!o.input.checked || !o.advice) return;
        var item = element("li");
        item.appendChild(element("strong", null, o.label));
        item.appendChild(document.createTextNode(": "));
        Array.prototype.slice.call(o.advice.cloneNode(true).childNodes).forEach(function (n) { item.appendChild(n); });
        items.push(item);
      });
    });
    if (!items.length) return null;
    var part = element("div", "results-advice");
    part.appendChild(element("h3", null, model.strings.form_advice));
    var list = element("ul");
    items.forEach(function (item) { list.appendChild(item); });
    part.appendChild(list);
    return part;
  }

  function answerText(model, q) {
    if (q.kind === "text") return q.input.value || model.strings.form_no_answer;
    var picked = q.options.filter(function (o) { return o.input.checked; }).map(function (o) { return o.label; });
    return picked.length ? picked.join("; ") : model.strings.form_no_answer;
  }

  // Points of one question: null for a note, or for a one-of question not answered yet.
  function questionPoints(q) {
    var picked = q.options.filter(function (o) { return o.input.checked; });
    if (q.kind === "text" || (q.kind !== "tick" && !picked.length)) return null;
    return sum(picked.map(function (o) { return o.score; }));
  }

  function sectionTitle(model, q) {
    return q.section === null ? null : model.sections[q.section].title;
  }

  function answersTable(model) {
    var table = element("table", "results-answers");
    table.appendChild(element("caption", null, model.strings.form_your_answers));
    var head = element("tr");
    [model.strings.form_csv_question, model.strings.form_csv_answer, model.strings.form_csv_points].forEach(function (text) {
      var th = element("th", null, text);
      th.scope = "col";
      head.appendChild(th);
    });
    table.appendChild(element("thead")).appendChild(head);
    var body = table.appendChild(element("tbody"));
    model.questions.forEach(function (q) {
      var row = element("tr"), th = element("th", null, q.text);
      th.scope = "row";
      row.appendChild(th);
      row.appendChild(element("td", "answer", answerText(model, q)));
      var points = questionPoints(q);
      row.appendChild(element("td", "points", points === null ? "" : String(points)));
      body.appendChild(row);
    });
    return table;
  }

  // Chart rows: each section that scores, or each question that scores in a form without sections.
  function chartRows(model, list) {
    var parts = list.length > 1 ? list.slice(1) : model.scored.map(function (q) { return { title: q.text, result: score([q]) }; });
    return parts.map(function (p) {
      return { label: p.title, share: p.result.high > p.result.low ? (p.result.points - p.result.low) / (p.result.high - p.result.low) : 0, text: scoreText(model, p.result) };
    });
  }

  function chartHtml(model, list) {
    var rows = chartRows(model, list);
    if (model.chart === "none" || !rows.length) return null;
    var label = model.strings.form_chart + ": " + rows.map(function (r) { return r.label + " " + r.text; }).join("; ");
    return window.trappaCharts.draw(model.chart, rows, label);
  }

  // The result as it is kept beside the answers, for the pages that show it without the form
  // (a reading path's summary): scores, bands and chart rows in words, and the notes.
  function snapshot(model) {
    var list = model.scored.length ? scopes(model) : [];
    var whole = list[0] ? list[0].result : { points: 0, low: 0, high: 0, complete: false };
    function scopeData(scope) {
      return { title: scope.title, points: scope.result.points, high: scope.result.high, band: scope.band ? bandText(scope.band) : null };
    }
    return {
      title: model.title,
      answered: model.scored.some(function (q) { return q.options.some(function (o) { return o.input.checked; }); }),
      points: whole.points,
      low: whole.low,
      high: whole.high,
      complete: whole.complete,
      band: list[0] && list[0].band ? bandText(list[0].band) : null,
      sections: list.slice(1).map(scopeData),
      chart: model.chart,
      rows: list.length ? chartRows(model, list) : [],
      notes: model.questions.filter(function (q) { return q.kind === "text" && q.input.value.trim(); }).map(function (q) {
        return { question: q.text, text: q.input.value };
      }),
      // The step chosen on each staircase question, by its number and title: what a
      // summary says instead of points.
      steps: model.questions.filter(function (q) { return q.kind === "step"; }).map(function (q) {
        var i = q.options.map(function (o) { return o.input.checked; }).indexOf(true);
        return i < 0 ? null : { number: i + 1, of: q.options.length, title: q.options[i].label };
      }).filter(Boolean)
    };
  }

  // Coming back: the results of earlier days beside today's, newest first, with the change
  // since the last time in words; and the button that deletes them.
  function historyHtml(model, whole) {
    var s = model.strings, day = saved.today(), earlier;
    try {
      earlier = saved.history(model.id, model.version).filter(function (e) { return e.day < day; }).reverse();
    } catch (e) {
      return null;
    }
    if (!earlier.length) return null;
    function resultText(entry) {
      var text = fill(s.form_score, entry.points, entry.high);
      return entry.complete ? text : text + " (" + s.form_history_incomplete + ")";
    }
    var part = element("div", "results-history");
    part.appendChild(element("h3", null, s.form_history));
    var now = { day: day, points: whole.result.points, high: whole.result.high, complete: whole.result.complete, band: whole.band ? bandText(whole.band) : null };
    part.appendChild(element("p", "results-history-compare", fill(s.form_history_compare, longDate(earlier[0].day), resultText(earlier[0]), resultText(now))));
    var table = element("table", "results-history-table"), head = element("tr"), rows = element("tbody");
    table.appendChild(element("caption", null, s.form_history));
    [s.form_history_date, s.form_history_result, s.form_history_band].forEach(function (text) {
      var th = element("th", null, text);
      th.scope = "col";
      head.appendChild(th);
    });
    table.appendChild(element("thead")).appendChild(head);
    [now].concat(earlier).forEach(function (entry, i) {
      var row = element("tr"), th = element("th", null, i ? longDate(entry.day) : fill(s.form_history_today, longDate(entry.day)));
      th.scope = "row";
      row.appendChild(th);
      row.appendChild(element("td", null, resultText(entry)));
      row.appendChild(element("td", null, entry.band || "–"));
      rows.appendChild(row);
    });
    table.appendChild(rows);
    part.appendChild(table);
    var button = element("button", null, s.form_history_clear);
    button.type = "button";
    button.setAttribute("data-action", "history-clear");
    part.appendChild(element("p", "results-history-actions")).appendChild(button);
    return part;
  }

  function clearHistory(model) {
    try {
      saved.removeHistory(model.id, false);
    } catch (e) {
      // storage unavailable: there was no history
    }
    renderResults(model);
    model.status.textContent = model.strings.form_history_cleared;
    // The button is gone with the history: the focus goes back to the results' heading.
    model.results.querySelector("h2").focus();
  }

  // Fills the results view; returns the whole form's scope, or null for a form of notes alone.
  function renderResults(model) {
    var body = model.results.querySelector(".results-body");
    body.textContent = "";
    if (!model.scored.length) {
      body.appendChild(answersTable(model));
      return null;
    }
    var list = scopes(model);
    list.forEach(function (scope) { body.appendChild(scopeHtml(model, scope, list.length > 1)); });
    [historyHtml(model, list[0]), chartHtml(model, list), adviceHtml(model), answersTable(model)].forEach(function (part) { if (part) body.appendChild(part); });
    markBands(model, list);
    if (!model.code.hidden) renderCode(model);
    return list[0];
  }

  function showResults(model) {
    var whole = renderResults(model);
    model.results.hidden = false;
    var summary = whole ? model.strings.form_results_heading + ": " + scoreText(model, whole.result) + "." : model.results.querySelector("h2").textContent;
    if (whole && whole.band) summary += " " + bandText(whole.band);
    model.status.textContent = summary;
    model.results.scrollIntoView({ block: "start" });
  }

  // ---- Export and print ----

  function exportData(model) {
    var list = scopes(model);
    function scopeData(scope) {
      return { points: scope.result.points, min: scope.result.low, max: scope.result.high, band: scope.band ? bandText(scope.band) : null };
    }
    return {
      form: model.id,
      version: model.version,
      title: model.title,
      exported: new Date().toISOString(),
      result: scopeData(list[0]),
      sections: list.slice(1).map(function (s) { return Object.assign({ title: s.title }, scopeData(s)); }),
      answers: model.questions.map(function (q) {
        var picked = q.options.filter(function (o) { return o.input.checked; }).map(function (o) { return o.label; });
        return {
          id: q.id,
          section: sectionTitle(model, q),
          question: q.text,
          kind: q.kind,
          answer: q.kind === "text" ? q.input.value : picked,
          points: questionPoints(q)
        };
      })
    };
  }

  function csv(model) {
    var s = model.strings;
    function field(value) { return '"' + String(value).replace(/"/g, '""') + '"'; }
    var rows = [[s.form_csv_section, s.form_csv_question, s.form_csv_answer, s.form_csv_points]];
    model.questions.forEach(function (q) {
      var points = questionPoints(q);
      rows.push([sectionTitle(model, q) || "", q.text, answerText(model, q), points === null ? "" : points]);
    });
    // The byte-order mark makes spreadsheet programs read å, ä and ö as UTF-8; the separator
    // is the one the site language's spreadsheets read as columns (";" in Swedish Excel).
    var separator = s.form_csv_separator || ",";
    return "\ufeff" + rows.map(function (r) { return r.map(field).join(separator); }).join("\r\n") + "\r\n";
  }

  // "fallgropar-svar.csv" on a Swedish site, "fallgropar-answers.csv" on an English one.
  function fileName(model, extension) {
    return model.id + "-" + model.strings.form_file_answers + "." + extension;
  }

  // Prints only this form's results: forms.css hides everything off the path to them.
  function printResults(model) {
    document.body.classList.add("printing-form-results");
    model.results.classList.add("print-target");
    for (var node = model.results.parentElement; node && node !== document.documentElement; node = node.parentElement) node.classList.add("print-path");
    window.addEventListener("afterprint", function done() {
      window.removeEventListener("afterprint", done);
      document.body.classList.remove("printing-form-results");
      all(document, ".print-path, .print-target").forEach(function (n) { n.classList.remove("print-path", "print-target"); });
    });
    window.print();
  }

  // ---- Answer codes: form key, answers, checksum ----
  // A code is base-32 symbols: 4 of a hash of form id and version, the answers as one number
  // in mixed radix (a tick list is a bit per option, a one-of question its option + 1, 0 for
  // none; notes are never included), and 2 of a weighted checksum. Grouped by four with "-".
  // The answers are BigInts from start to end: a tick list of more than 32 options no longer
  // fits the 32-bit operators, nor of more than 53 a Number (the build allows 100 a question).

  var ZERO = BigInt(0), ONE = BigInt(1);

  function hash(text) {
    var h = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
    return h;
  }

  function formKey(model) {
    var h = hash(model.id + "\n" + model.version) >>> 12, symbols = [];
    for (var i = 0; i < KEY_LENGTH; i++) symbols.unshift((h >>> (5 * i)) & 31);
    return symbols;
  }

  function radix(q) {
    return q.kind === "tick" ? ONE << BigInt(q.options.length) : BigInt(q.options.length + 1);
  }

  function payloadLength(model) {
    var largest = model.scored.reduce(function (p, q) { return p * radix(q); }, ONE) - ONE;
    return Math.max(1, largest.toString(32).length);
  }

  function checksum(symbols) {
    var total = 0;
    symbols.forEach(function (v, i) { total = (total + v * (i + 1)) % CHECK_MODULUS; });
    return [total >> 5, total & 31];
  }

  // The answer to `q` as its digit: the ticked options' bits, or the chosen option + 1.
  function answerDigit(q) {
    var digit = ZERO;
    q.options.forEach(function (o, i) {
      if (o.input.checked) digit = q.kind === "tick" ? digit | (ONE << BigInt(i)) : BigInt(i + 1);
    });
    return digit;
  }

  // Whether option `k` is ticked in the digit of a tick list.
  function ticked(digit, k) {
    return ((digit >> BigInt(k)) & ONE) === ONE;
  }

  function answerCode(model) {
    var value = model.scored.reduce(function (v, q) { return v * radix(q) + answerDigit(q); }, ZERO);
    var payload = value.toString(32).padStart(payloadLength(model), "0").split("").map(function (c) { return parseInt(c, 32); });
    var symbols = formKey(model).concat(payload);
    symbols = symbols.concat(checksum(symbols));
    var text = symbols.map(function (v) { return ALPHABET[v]; }).join("");
    return text.match(/.{1,4}/g).join("-");
  }

  // The answers in a pasted or scanned code as one digit (a BigInt) per scoring question, or
  // the reason it is refused: bad_chars, altered (checksum) or foreign (another form/version).
  function readCode(model, text) {
    var cleaned = text.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
    if (!/^[0-9A-Z]+$/.test(cleaned) || /U/.test(cleaned)) return { error: "bad_chars" };
    var symbols = cleaned.split("").map(function (c) { return ALPHABET.indexOf(c); });
    if (symbols.length <= KEY_LENGTH + CHECK_LENGTH) return { error: "altered" };
    var body = symbols.slice(0, -CHECK_LENGTH), check = checksum(body);
    if (check[0] !== symbols[symbols.length - 2] || check[1] !== symbols[symbols.length - 1]) return { error: "altered" };
    if (body.slice(0, KEY_LENGTH).join() !== formKey(model).join() || body.length !== KEY_LENGTH + payloadLength(model)) return { error: "foreign" };
    var value = ZERO, base = BigInt(32);
    body.slice(KEY_LENGTH).forEach(function (v) { value = value * base + BigInt(v); });
    var digits = [];
    for (var i = model.scored.length - 1; i >= 0; i--) {
      digits.unshift(value % radix(model.scored[i]));
      value = value / radix(model.scored[i]);
    }
    if (value !== ZERO) return { error: "altered" };
    return { digits: digits, normalized: cleaned };
  }

  function renderCode(model) {
    var code = answerCode(model), place = model.code.querySelector(".answer-code-qr");
    model.code.querySelector(".answer-code-text").textContent = code;
    place.textContent = "";
    try {
      place.appendChild(window.trappaQr.svg(code, fill(model.strings.form_qr_label, code.split("").join(" "))));
    } catch (e) {
      // A code too long for the QR versions qr.js draws: the text code still works.
    }
  }

  function toggleCode(model, button) {
    var show = model.code.hidden;
    if (show) renderCode(model);
    model.code.hidden = !show;
    button.setAttribute("aria-expanded", String(show));
  }

  // ---- The trainer's group view ----

  // A question's counts as a table, each count with a bar beside it (the number carries the meaning).
  function countTable(caption, rows) {
    var table = element("table", "group-counts"), body = element("tbody");
    var most = Math.max.apply(null, rows.map(function (r) { return r.count; }).concat(1));
    table.appendChild(element("caption", null, caption));
    rows.forEach(function (row) {
      var tr = element("tr"), th = element("th", null, row.label), bar = element("td", "group-bar");
      th.scope = "row";
      var chart = svgElement("svg", { viewBox: "0 0 100 10", preserveAspectRatio: "none", "aria-hidden": "true", focusable: "false" });
      chart.appendChild(svgElement("rect", { x: 0, y: 0, width: (100 * row.count) / most, height: 10, class: "chart-bar" }));
      bar.appendChild(chart);
      tr.appendChild(th);
      tr.appendChild(element("td", "group-count", String(row.count)));
      tr.appendChild(bar);
      body.appendChild(tr);
    });
    table.appendChild(body);
    return table;
  }

  function showGroup(model) {
    var s = model.strings, messages = [], seen = {}, participants = 0;
    var tallies = model.scored.map(function (q) { return { counts: q.options.map(function () { return 0; }), none: 0 }; });
    model.group.querySelector(".group-codes").value.split(/\r?\n/).forEach(function (line, n) {
      if (!line.trim()) return;
      var code = readCode(model, line);
      if (code.error) {
        messages.push(fill(s["form_code_" + code.error], n + 1));
        return;
      }
      if (seen[code.normalized]) messages.push(fill(s.form_code_duplicate, n + 1, seen[code.normalized]));
      else seen[code.normalized] = n + 1;
      participants++;
      code.digits.forEach(function (digit, i) {
        var q = model.scored[i], tally = tallies[i];
        if (q.kind === "tick") q.options.forEach(function (o, k) { if (ticked(digit, k)) tally.counts[k]++; });
        else if (digit === ZERO) tally.none++;
        else tally.counts[Number(digit) - 1]++;
      });
    });
    var status = model.group.querySelector(".group-messages"), body = model.group.querySelector(".group-body");
    status.textContent = "";
    body.textContent = "";
    status.appendChild(element("p", "group-total", participants ? fill(s.form_group_participants, participants) : s.form_group_none));
    if (messages.length) {
      var list = element("ul", "group-problems");
      messages.forEach(function (m) { list.appendChild(element("li", null, m)); });
      status.appendChild(list);
    }
    if (participants) drawCounts(model, body, tallies);
  }

  // Each scoring question's text and its rows of counts ({label, count}, "no answer" last
  // for a one-of question), from one tally ({counts, none}) per question.
  function countRows(model, tallies) {
    return model.scored.map(function (q, i) {
      var rows = q.options.map(function (o, k) { return { label: o.label, count: tallies[i].counts[k] }; });
      if (q.kind !== "tick") rows.push({ label: model.strings.form_no_answer, count: tallies[i].none });
      return { text: q.text, rows: rows };
    });
  }

  // A count table per scoring question.
  function drawCounts(model, place, tallies) {
    countRows(model, tallies).forEach(function (q) { place.appendChild(countTable(q.text, q.rows)); });
  }

  // Group mode is the page with #FORM-grupp: the trainer's view replaces the form.
  function applyMode(model, moveFocus) {
    if (!model.group) return;
    var grouping = location.hash === "#" + model.id + model.strings.ids.group;
    model.group.hidden = !grouping;
    model.node.hidden = grouping;
    if (grouping) model.results.hidden = true;
    if (grouping && moveFocus) model.group.querySelector("h2").focus();
  }

  // ---- Setting up ----

  // For room.js, which `trappa room` adds to its pages: a form's answer code now, and the
  // group view's count tables drawn from the counts the room pooled.
  var models = {};
  window.trappaForms = {
    code: function (id) { return models[id] ? answerCode(models[id]) : null; },
    drawCounts: function (id, place, tallies) { if (models[id]) drawCounts(models[id], place, tallies); },
    // The scoring questions' texts (`tallies` null: no rows) or their rows of counts, for the
    // room's projector mode.
    questions: function (id, tallies) {
      var model = models[id];
      if (!model) return [];
      return tallies ? countRows(model, tallies) : model.scored.map(function (q) { return { text: q.text, rows: null }; });
    }
  };

  // A step question's answer shown on its staircase, in its picture and in its list of texts:
  // the chosen step outlined and named, in words too, so that it is not told by colour alone
  // and a screen reader hears it.
  function showChosenSteps(model) {
    model.questions.forEach(function (q) {
      var stairs = q.staircase && document.getElementById(q.staircase);
      if (!stairs) return;
      [".stair-step", ".staircase-step"].forEach(function (selector) {
        all(stairs, selector).forEach(function (step, i) {
          var chosen = Boolean(q.options[i] && q.options[i].input.checked);
          var label = step.querySelector(".step-chosen");
          step.classList.toggle("staircase-step-chosen", chosen);
          if (chosen && !label) (step.querySelector(".step-heading") || step).appendChild(element("span", "step-chosen", model.strings.form_step_chosen));
          if (!chosen && label) label.remove();
        });
      });
    });
  }

  function setUp(form) {
    var model = readForm(form);
    models[model.id] = model;
    if (reportsScore(model)) form.querySelector(".form-privacy").textContent = model.strings.form_privacy_scored;
    restore(model);
    showChosenSteps(model);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    function changed() {
      save(model);
      showChosenSteps(model);
      model.status.textContent = "";
      if (!model.results.hidden) renderResults(model);
    }
    form.addEventListener("change", changed);
    form.addEventListener("input", changed);
    var actions = {
      results: function () { showResults(model); },
      clear: function () { clear(model); showChosenSteps(model); },
      json: function () { download(fileName(model, "json"), "application/json", JSON.stringify(exportData(model), null, 2) + "\n"); },
      csv: function () { download(fileName(model, "csv"), "text/csv;charset=utf-8", csv(model)); },
      print: function () { printResults(model); },
      code: function (button) { toggleCode(model, button); },
      "history-clear": function () { clearHistory(model); },
      group: function () { showGroup(model); }
    };
    [form, model.results, model.group].filter(Boolean).forEach(function (root) {
      root.addEventListener("click", function (event) {
        var button = event.target.closest("button[data-action]");
        if (button && actions[button.getAttribute("data-action")]) actions[button.getAttribute("data-action")](button);
      });
    });
    window.addEventListener("beforeprint", function () {
      model.results.querySelector(".results-date").textContent = fill(model.strings.form_printed, new Date().toLocaleDateString(document.documentElement.lang));
    });
    window.addEventListener("hashchange", function () { applyMode(model, true); });
    all(form, ".form-actions, .form-group-link").forEach(function (n) { n.hidden = false; });
    form.classList.add("is-live");
    applyMode(model, true);
  }

  function setUpAll() {
    all(document, "form.self-assessment[data-form]").forEach(setUp);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUpAll);
  else setUpAll();
})();
