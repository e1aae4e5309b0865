// The planner: "Lägg till i min plan" on an exercise page, and the Min plan page that lists,
// times, prints, exports, imports and copies the plan. Kept in localStorage under one key
// (trappa-plan-v1); nothing leaves the browser. The presenter view is present.js.
(function () {
  "use strict";
  var KEY = "trappa-plan-v1";
  var h = window.trappaHelpers;

  function empty() { return { version: 1, start: "09:00", length: 210, blocks: [] }; }

  // A plan of the shape this file writes, or null: what import and storage both check.
  function valid(plan) {
    if (!plan || typeof plan !== "object" || plan.version !== 1 || !Array.isArray(plan.blocks)) return false;
    if (!/^\d\d:\d\d$/.test(plan.start) || typeof plan.length !== "number") return false;
    return plan.blocks.every(function (b) {
      return b && ["exercise", "break", "lunch", "free"].indexOf(b.kind) >= 0 && typeof b.title === "string" &&
        typeof b.minutes === "number" && b.minutes >= 0 && (b.kind !== "exercise" || (b.exercise && typeof b.exercise.url === "string"));
    });
  }

  function load() {
    try {
      var plan = JSON.parse(localStorage.getItem(KEY));
      return valid(plan) ? plan : empty();
    } catch (e) { return empty(); }
  }

  function save(plan) {
    try { localStorage.setItem(KEY, JSON.stringify(plan)); return true; } catch (e) { return false; }
  }

  function toMinutes(clock) { var p = clock.split(":"); return Number(p[0]) * 60 + Number(p[1]); }
  function clock(minutes) {
    minutes = ((minutes % 1440) + 1440) % 1440;
    return String(Math.floor(minutes / 60)).padStart(2, "0") + ":" + String(minutes % 60).padStart(2, "0");
  }

  // The blocks with their clock times, as the built plans' JSON block (#trappa-plan) has them.
  function timed(plan) {
    var at = toMinutes(plan.start);
    return plan.blocks.map(function (b) {
      var block = { kind: b.kind, title: b.title, minutes: b.minutes, start: clock(at), end: clock(at + b.minutes),
        exercise: b.exercise || null, url: b.exercise ? b.exercise.url : null, prepare: b.prepare || null };
      at += b.minutes;
      return block;
    });
  }

  // The minutes an exercise's steps take together (0 when they give none).
  function stepsMinutes(ex) {
    return ((ex && ex.steps) || []).reduce(function (sum, step) { return sum + (step.minutes || 0); }, 0);
  }

  function asPlanData(plan, t) {
    return { version: 1, id: "min-plan", title: t.title, start: plan.start, length: plan.length, blocks: timed(plan) };
  }

  // The exercise's data: the page's JSON block when it has one, else the button's own facts.
  // Its links lead from this page; Min plan keeps them from the site's root, where it is.
  function exerciseOnPage(actions) {
    var node = document.getElementById("trappa-exercise");
    var data = node ? JSON.parse(node.textContent) : JSON.parse(actions.getAttribute("data-plan-add"));
    if (!data.minutes) data.minutes = 30;
    return fromRoot(data, new URL(actions.getAttribute("data-root") || "", location.href).href);
  }

  // `data` with every link of its HTML fields (`html`, `…_html`), and the addresses of its
  // forms, cards and pictures, written from `root` (an absolute URL ending in "/") instead of
  // this page.
  function fromRoot(data, root) {
    function address(href) {
      if (!href || /^(#|[a-z][a-z0-9+.-]*:|\/)/i.test(href)) return href;
      var to = new URL(href, location.href).href;
      return to.indexOf(root) === 0 ? to.slice(root.length) : href;
    }
    function links(html) {
      var box = document.createElement("template");
      box.innerHTML = html;
      box.content.querySelectorAll("[href], [src]").forEach(function (node) {
        ["href", "src"].forEach(function (name) {
          if (node.hasAttribute(name)) node.setAttribute(name, address(node.getAttribute(name)));
        });
      });
      return box.innerHTML;
    }
    function walk(value, key) {
      if (typeof value === "string") return /(^|_)html$/.test(key) ? links(value) : value;
      if (Array.isArray(value)) return value.map(function (v) { return walk(v, key); });
      if (value && typeof value === "object") {
        var out = {};
        Object.keys(value).forEach(function (k) { out[k] = walk(value[k], k); });
        return out;
      }
      return value;
    }
    var out = walk(data, "");
    ["forms", "cards"].forEach(function (k) {
      (out[k] || []).forEach(function (link) { link.url = address(link.url); });
    });
    (out.pictures || []).forEach(function (p) { p.href = address(p.href); });
    return out;
  }

  function setUpAdd(actions) {
    var t = JSON.parse(actions.getAttribute("data-strings"));
    var state = actions.querySelector("[data-plan-add-state]");
    var button = actions.querySelector("[data-plan-add-button]");
    var data = exerciseOnPage(actions);
    function count() { return load().blocks.filter(function (b) { return b.exercise && b.exercise.url === data.url; }).length; }
    // Once the exercise is in the plan the button says so, and adding it again is a choice.
    var label = button.textContent;
    function mark() {
      var n = count();
      button.textContent = n ? t.add_again : label;
      if (n) state.textContent = h.fill(t.already, n);
    }
    mark();
    button.addEventListener("click", function () {
      var plan = load();
      plan.blocks.push({ kind: "exercise", title: data.title, minutes: data.minutes, exercise: data });
      if (!save(plan)) { state.textContent = t.storage_unavailable; return; }
      var n = count();
      mark();
      state.textContent = n > 1 ? h.fill(t.added_again, n) : t.added;
    });
    actions.hidden = false;
  }

  // ---- The Min plan page ----
  function setUpPlanner(root) {
    var t = JSON.parse(root.getAttribute("data-strings"));
    var siteRoot = root.getAttribute("data-root");
    var list = root.querySelector("[data-plan-blocks]");
    var status = root.querySelector("[data-plan-status]");
    var start = root.querySelector("[data-plan-start]");
    var length = root.querySelector("[data-plan-length]");
    var plan = load();

    function say(text) { status.textContent = text; }
    function commit() { if (!save(plan)) say(t.storage_unavailable); draw(); }

    function move(i, by, focusWhat) {
      var j = i + by;
      if (j < 0 || j >= plan.blocks.length) return;
      var b = plan.blocks.splice(i, 1)[0];
      plan.blocks.splice(j, 0, b);
      commit();
      say(h.fill(t.moved, b.title, j + 1, plan.blocks.length));
      var item = list.children[j];
      var target = focusWhat && item.querySelector(focusWhat);
      (target && !target.disabled ? target : item).focus();
    }

    function draw() {
      start.value = plan.start;
      length.value = plan.length;
      list.textContent = "";
      var blocks = timed(plan);
      if (!blocks.length) list.appendChild(h.element("li", "planner-empty", t.empty));
      blocks.forEach(function (b, i) {
        var item = h.element("li", "planner-block planner-" + b.kind);
        item.tabIndex = -1;
        item.draggable = true;
        item.setAttribute("data-index", i);
        var time = h.element("span", "planner-time", b.start + "–" + b.end);
        var title;
        if (b.kind === "free") {
          title = h.element("input", "planner-title");
          title.value = b.title;
          title.setAttribute("aria-label", t.free_title);
          title.addEventListener("change", function () { plan.blocks[i].title = title.value; commit(); });
        } else if (b.exercise) {
          title = h.element("a", "planner-title", b.title);
          title.href = siteRoot + b.exercise.url;
        } else {
          title = h.element("span", "planner-title", b.title);
        }
        var minutesLabel = h.element("label", "planner-minutes");
        var minutes = h.element("input");
        minutes.type = "number"; minutes.min = "0"; minutes.max = "600"; minutes.step = "5"; minutes.value = b.minutes;
        minutes.addEventListener("change", function () { plan.blocks[i].minutes = Math.max(0, Number(minutes.value) || 0); commit(); });
        minutesLabel.append(h.element("span", "visually-hidden", b.title + ", "), t.minutes + " ", minutes);
        var up = h.element("button", "", t.up), down = h.element("button", "", t.down), remove = h.element("button", "", t.remove);
        [up, down, remove].forEach(function (btn) { btn.type = "button"; btn.setAttribute("aria-label", btn.textContent + ": " + b.title); });
        up.disabled = i === 0; down.disabled = i === blocks.length - 1;
        up.addEventListener("click", function () { move(i, -1, "button:first-of-type"); });
        down.addEventListener("click", function () { move(i, 1, "button:nth-of-type(2)"); });
        remove.addEventListener("click", function () {
          plan.blocks.splice(i, 1); commit(); say(h.fill(t.removed, b.title));
          (list.children[Math.min(i, list.children.length - 1)] || list).focus && list.focus();
        });
        item.addEventListener("keydown", function (event) {
          if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
          event.preventDefault();
          move(i, event.key === "ArrowUp" ? -1 : 1, null);
        });
        item.addEventListener("dragstart", function (event) { event.dataTransfer.setData("text/plain", String(i)); });
        item.addEventListener("dragover", function (event) { event.preventDefault(); });
        item.addEventListener("drop", function (event) {
          event.preventDefault();
          var from = Number(event.dataTransfer.getData("text/plain"));
          if (from !== i) move(from, i - from, null);
        });
        var tools = h.element("span", "planner-buttons");
        tools.append(up, down, remove);
        item.append(time, " ", title, " ", minutesLabel, " ", tools);
        var needs = stepsMinutes(b.exercise);
        if (needs > b.minutes) {
          var warning = h.element("p", "planner-warning", h.fill(t.steps_over, b.title, needs, b.minutes));
          warning.id = "plan-varning-" + i;
          minutes.setAttribute("aria-describedby", warning.id);
          item.appendChild(warning);
        }
        list.appendChild(item);
      });
      var total = plan.blocks.reduce(function (sum, b) { return sum + b.minutes; }, 0);
      var diff = total - plan.length;
      root.querySelector("[data-plan-total]").textContent = h.fill(t.total, total, plan.length,
        diff === 0 ? t.fits : diff > 0 ? h.fill(t.over, diff) : h.fill(t.under, -diff));
    }

    start.addEventListener("change", function () { if (/^\d\d:\d\d$/.test(start.value)) { plan.start = start.value; commit(); } });
    length.addEventListener("change", function () { plan.length = Math.max(0, Number(length.value) || 0); commit(); });
    root.querySelectorAll("[data-plan-new]").forEach(function (button) {
      button.addEventListener("click", function () {
        var kind = button.getAttribute("data-plan-new");
        plan.blocks.push({ kind: kind, title: t[kind], minutes: kind === "lunch" ? 60 : kind === "break" ? 15 : 10, exercise: null });
        commit();
        list.lastElementChild.focus();
      });
    });
    function exportPlan() {
      h.download("min-plan.json", "application/json", JSON.stringify(plan, null, 2) + "\n");
    }

    // A question in a native <dialog>: Esc or the "no" button keeps things as they are; focus
    // goes to the dialog's "yes" button and back to `returnTo` when it closes.
    function ask(dialog, text, yes, no, returnTo) {
      dialog.querySelector("[data-plan-" + dialog.getAttribute("data-kind") + "-text]").textContent = text;
      var answered = false;
      function close(answer) {
        if (answered) return;
        answered = true;
        if (dialog.open) dialog.close();
        (answer ? yes : no)();
        if (returnTo && document.contains(returnTo)) returnTo.focus();
      }
      dialog.onclose = function () { close(false); };
      dialog.querySelector("[data-plan-" + dialog.getAttribute("data-kind") + "-yes]").onclick = function () { close(true); };
      dialog.querySelector("[data-plan-" + dialog.getAttribute("data-kind") + "-no]").onclick = function () { close(false); };
      dialog.querySelector("[data-plan-" + dialog.getAttribute("data-kind") + "-export]").onclick = exportPlan;
      dialog.showModal();
      dialog.querySelector("[data-plan-" + dialog.getAttribute("data-kind") + "-yes]").focus();
    }
    var replaceDialog = document.querySelector("[data-plan-replace-dialog]");
    var clearDialog = document.querySelector("[data-plan-clear-dialog]");
    if (replaceDialog) replaceDialog.setAttribute("data-kind", "replace");
    if (clearDialog) clearDialog.setAttribute("data-kind", "clear");

    var clearButton = root.querySelector("[data-plan-clear]");
    clearButton.addEventListener("click", function () {
      if (!plan.blocks.length) { plan = empty(); commit(); say(t.cleared); return; }
      ask(clearDialog, h.fill(t.clear_text, plan.blocks.length), function () {
        plan = empty(); commit(); say(t.cleared);
      }, function () {}, clearButton);
    });
    root.querySelector("[data-plan-export]").addEventListener("click", exportPlan);

    // min-plan.html#fran-ID: start from the site's plan ID (its blocks and their texts). A
    // plan that already holds blocks is replaced only when the trainer says so.
    function seedFromHash() {
      var match = /^#fran-(.+)$/.exec(location.hash);
      if (!match) return;
      var node = document.getElementById("trappa-plans");
      var seeds = node ? JSON.parse(node.textContent) : [];
      var id = decodeURIComponent(match[1]);
      var seed = seeds.filter(function (s) { return s.id === id; })[0];
      history.replaceState(null, "", location.pathname + location.search);
      if (!seed) return;
      function replace() {
        plan = { version: 1, start: seed.start, length: seed.length, blocks: seed.blocks.map(function (b) {
          return { kind: b.kind, title: b.title, minutes: b.minutes, exercise: b.exercise || null, text_html: b.text_html || null,
            prepare: b.prepare || null };
        }) };
        commit();
        say(h.fill(t.seeded, seed.title));
      }
      if (!plan.blocks.length) { replace(); return; }
      ask(replaceDialog, h.fill(t.replace_text, plan.blocks.length, seed.title), replace, function () { say(t.kept); },
        document.getElementById("plan-rubrik"));
    }
    root.querySelector("[data-plan-import]").addEventListener("change", function (event) {
      var file = event.target.files[0];
      if (!file) return;
      var reader = new FileReader();
      reader.onload = function () {
        var read = null;
        try { read = JSON.parse(reader.result); } catch (e) { read = null; }
        if (!valid(read)) { say(t.import_bad); event.target.value = ""; return; }
        plan = read; commit(); say(t.imported);
        event.target.value = "";
      };
      reader.readAsText(file);
    });
    root.querySelector("[data-plan-copy]").addEventListener("click", function () {
      var text = markdown(plan, t);
      var box = root.querySelector("[data-plan-markdown-box]"), area = root.querySelector("[data-plan-markdown]");
      area.value = text;
      box.hidden = false;
      function manual() { area.focus(); area.select(); say(t.copy_manual); }
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { say(t.copied); }, manual);
      } else manual();
    });
    root.querySelectorAll("[data-plan-print]").forEach(function (button) {
      button.addEventListener("click", function () { printOut(button.getAttribute("data-plan-print")); });
    });
    root.querySelectorAll("[data-present], [data-present-both]").forEach(function (button) {
      button.addEventListener("click", function (event) {
        var both = event.currentTarget.hasAttribute("data-present-both");
        if (window.trappaPresent) window.trappaPresent.open(asPlanData(plan, t), event.currentTarget, both);
      });
    });

    // The printout: one of agenda, guide, pack, built into [data-plan-printout] with the
    // markup and classes of a built plan's agenda, guide (plan-guide.html) and pack
    // (plan-pack.html), so that both print alike; trappa.css's print rules show only it
    // while body carries data-printing.
    function printOut(what) {
      var out = document.querySelector("[data-plan-printout]");
      out.textContent = "";
      var blocks = timed(plan);
      out.appendChild(h.element("h1", "", t.title + " – " + t[what]));
      out.appendChild(agenda(blocks));
      if (what === "guide") out.appendChild(prepare(blocks));
      if (what !== "agenda") blocks.forEach(function (b, n) {
        if (what === "guide" && !b.exercise && plan.blocks[n].text_html) out.appendChild(textBlock(b, plan.blocks[n].text_html));
        if (!b.exercise) return;
        out.appendChild(what === "guide" ? guideBlock(b, n + 1) : packExercise(b));
      });
      document.body.setAttribute("data-printing", what);
      window.print();
    }

    function agenda(blocks) {
      var table = h.element("table", "plan-agenda");
      table.appendChild(h.element("caption", "", t.agenda));
      var head = h.element("tr");
      head.append(h.element("th", "", t.time), h.element("th", "", t.content));
      table.appendChild(h.element("thead")).appendChild(head);
      var body = table.appendChild(h.element("tbody"));
      blocks.forEach(function (b) {
        var row = h.element("tr", "plan-block plan-" + b.kind);
        row.append(h.element("td", "plan-clock", b.start + "–" + b.end),
          h.element("td", "", (b.kind === "exercise" ? t.exercise + ": " : "") + b.title));
        body.appendChild(row);
      });
      return table;
    }

    function part(section, heading, content) {
      if (!content) return;
      section.appendChild(h.element("h3", "", heading));
      section.appendChild(content);
    }

    function itemsList(tag, className, items, fill) {
      if (!items || !items.length) return null;
      var ol = h.element(tag, className);
      items.forEach(function (item, i) { var li = h.element("li"); fill(li, item, i); ol.appendChild(li); });
      return ol;
    }

    // Förbered, as a built plan's guide has it (plan-needs.html): the exercises' materials,
    // each once with the exercises that need it, then the self-assessments and the cards.
    function prepare(blocks) {
      var section = h.element("section", "guide-prepare");
      section.appendChild(h.element("h2", "", t.prepare));
      var materials = [], usedBy = {};
      blocks.forEach(function (b) {
        ((b.exercise && b.exercise.materials) || []).forEach(function (m) {
          if (!usedBy[m]) { usedBy[m] = []; materials.push(m); }
          if (usedBy[m].indexOf(b.title) < 0) usedBy[m].push(b.title);
        });
      });
      if (materials.length) {
        var title = h.element("p", "plan-materials-title");
        title.appendChild(h.element("strong", "", t.materials));
        section.appendChild(title);
        var ul = h.element("ul", "plan-materials");
        materials.forEach(function (m) {
          var li = h.element("li", "", m + " ");
          li.appendChild(h.element("span", "plan-used-by", "(" + usedBy[m].join(", ") + ")"));
          ul.appendChild(li);
        });
        section.appendChild(ul);
      }
      [["forms", t.open_form], ["cards", t.card]].forEach(function (pair) {
        var seen = {}, links = [];
        // A seeded block brings what its plan's block uses; an exercise added here, its own.
        blocks.forEach(function (b) {
          ((b.prepare || b.exercise || {})[pair[0]] || []).forEach(function (link) {
            if (!seen[link.url]) { seen[link.url] = true; links.push(link); }
          });
        });
        if (!links.length) return;
        var title = h.element("p", "plan-materials-title");
        title.appendChild(h.element("strong", "", t[pair[0]]));
        section.appendChild(title);
        var ul = h.element("ul", "plan-" + pair[0]);
        links.forEach(function (link) {
          var a = h.element("a", "", pair[1] + ": " + link.title);
          a.href = siteRoot + link.url;
          var li = h.element("li");
          li.appendChild(a);
          ul.appendChild(li);
        });
        section.appendChild(ul);
      });
      return section;
    }

    function textBlock(b, text) {
      var section = h.element("section", "guide-block guide-" + b.kind);
      var title = h.element("h2");
      title.append(h.element("span", "guide-clock", b.start + "–" + b.end), " " + b.title);
      section.appendChild(title);
      section.appendChild(html(text));
      return section;
    }

    function guideBlock(b, n) {
      var ex = b.exercise, section = h.element("section", "guide-block guide-exercise");
      var title = h.element("h2");
      title.append(h.element("span", "guide-clock", b.start + "–" + b.end), " " + t.exercise + ": " + b.title);
      section.appendChild(title);
      section.appendChild(h.element("p", "guide-facts", b.minutes + " " + t.minutes.toLowerCase()));
      var at = toMinutes(b.start), ends = at + b.minutes;
      // Only the steps that start and end within the block: the rest would run into the next.
      var fit = [], cut = [];
      (ex.steps || []).forEach(function (step) {
        var starts = at;
        at += step.minutes || 0;
        (at <= ends ? fit : cut).push({ step: step, starts: starts });
      });
      intro(section, ex);
      part(section, t.purpose, ex.purpose_html && html(ex.purpose_html));
      part(section, t.steps, withMore(itemsList("ol", "guide-steps", fit, function (li, s) {
        li.append(h.element("span", "guide-step-time", clock(s.starts) + (s.step.minutes ? " (" + s.step.minutes + " " + t.minutes.toLowerCase() + ")" : "")), " ");
        li.appendChild(html(s.step.html));
        if (s.step.notes_html) li.appendChild(html(s.step.notes_html, "trainer-note"));
      }), ex.steps_more_html, true));
      if (cut.length) section.appendChild(h.element("p", "guide-steps-cut", h.fill(t.steps_cut, cut.length)));
      part(section, t.questions, withMore(itemsList("ul", "guide-questions", ex.questions_html, function (li, q) { li.appendChild(html(q)); }), ex.questions_more_html, false));
      part(section, t.tips, ex.tips_html && html(ex.tips_html));
      sectionsOf(section, ex);
      if (ex.notes_html) section.appendChild(html(ex.notes_html, "trainer-note"));
      return section;
    }

    // The text before an exercise's first heading (its sections without a heading).
    function intro(section, ex) {
      (ex.sections || []).forEach(function (s) { if (!s.heading) section.appendChild(html(s.html)); });
    }

    // Its sections under headings of their own (a case, statements), in order.
    function sectionsOf(section, ex) {
      (ex.sections || []).forEach(function (s) { if (s.heading) part(section, s.heading, html(s.html)); });
    }

    // A list with the rest of its section's text, after it (steps) or before it (questions).
    function withMore(list, more, after) {
      if (!more) return list;
      var both = h.element("div");
      var rest = html(more);
      if (after) both.append(list || "", rest); else both.append(rest, list || "");
      return both;
    }

    function packExercise(b) {
      var ex = b.exercise, section = h.element("section", "pack-exercise");
      var title = h.element("h2", "", b.title + " ");
      title.appendChild(h.element("span", "pack-clock", b.start + "–" + b.end));
      section.appendChild(title);
      intro(section, ex);
      part(section, t.purpose, ex.purpose_html && html(ex.purpose_html));
      part(section, t.steps_pack, withMore(itemsList("ol", "pack-steps", ex.steps, function (li, step) { li.appendChild(html(step.html)); }), ex.steps_more_html, true));
      part(section, t.questions, withMore(itemsList("ol", "pack-questions", ex.questions_html, function (li, q) {
        li.appendChild(html(q));
        var write = h.element("span", "pack-write");
        write.setAttribute("aria-hidden", "true");
        li.appendChild(write);
      }), ex.questions_more_html, false));
      sectionsOf(section, ex);
      var notes = h.element("div", "pack-notes");
      notes.setAttribute("aria-hidden", "true");
      part(section, t.notes, notes);
      return section;
    }
    window.addEventListener("afterprint", function () { document.body.removeAttribute("data-printing"); });

    draw();
    seedFromHash();
    window.addEventListener("hashchange", seedFromHash);
  }

  // Safe HTML from the site's own build (the _html fields of the exercise data).
  function html(text, className) {
    var div = h.element("div", className || "");
    div.innerHTML = text;
    return div;
  }

  // The plan as a ```{plan} block for a page in content/kom-igang/ (paths from there).
  function markdown(plan, t) {
    var lines = ["<!-- " + t.copied + " -->", "```{plan}", "id: min-plan", "title: " + JSON.stringify(t.title),
      "start: \"" + plan.start + "\"", "length: " + plan.length, "blocks:"];
    plan.blocks.forEach(function (b) {
      if (b.kind === "exercise") {
        var slug = b.exercise.url.split("/").pop().replace(/\.html$/, ".md");
        lines.push("  - exercise: ../../exercises/" + slug);
      } else if (b.kind === "free") lines.push("  - title: " + JSON.stringify(b.title));
      else lines.push("  - " + b.kind + ": " + JSON.stringify(b.title));
      lines.push("    minutes: " + b.minutes);
    });
    lines.push("```");
    return lines.join("\n") + "\n";
  }

  window.trappaPlanner = { key: KEY, load: load, valid: valid, timed: timed, markdown: markdown };
  document.querySelectorAll("[data-plan-add]").forEach(setUpAdd);
  document.querySelectorAll("[data-planner]").forEach(setUpPlanner);
})();
