// The card print sheet (kort/index.html): the reader ticks the cards to print and may print
// them all at one size; the sheets are imposed again in the browser the same way the build
// did (cards of a size fill A4 sheets; each sheet of fronts is followed by its backs in
// mirrored places for a long-edge flip). A card whose text does not fit its size is named.
(function () {
  "use strict";

  var picker = document.querySelector("[data-card-picker]");
  var container = document.querySelector("[data-sheets]");
  if (!picker || !container) return;
  var select = picker.querySelector("[data-size-override]");
  var status = document.querySelector("[data-sheet-status]");
  var strings = document.querySelector("template[data-strings=sheet]").dataset;
  var SIZES = ["card-a6", "card-a7", "card-kreditkort"];

  var layouts = {};
  document.querySelectorAll("template[data-layout]").forEach(function (template) {
    layouts[template.dataset.layout] = {
      perSheet: Number(template.dataset.perSheet),
      columns: Number(template.dataset.columns),
      rotated: template.dataset.rotated === "true",
      marks: template.innerHTML
    };
  });

  // Each card's faces as the build rendered them, kept to copy from.
  var faces = {};
  container.querySelectorAll(".card-face").forEach(function (face) {
    var id = face.dataset.card, side = face.classList.contains("card-front") ? "front" : "back";
    faces[id] = faces[id] || {};
    if (!faces[id][side]) faces[id][side] = face.cloneNode(true);
  });

  var fill = window.trappaHelpers.fill;

  function sheet(size, side, number) {
    var node = document.createElement("section");
    node.className = "sheet sheet-" + side + " sheet-" + size + (layouts[size].rotated ? " sheet-rotated" : "");
    node.dataset.size = size;
    node.setAttribute("aria-label", fill(side === "front" ? strings.front : strings.back, number));
    return node;
  }

  function slot(size, face) {
    var node = document.createElement("div");
    node.className = "sheet-slot";
    if (!face) {
      node.classList.add("sheet-slot-empty");
      return node;
    }
    node.innerHTML = layouts[size].marks; // the crop marks' SVG, from this page's own markup
    var copy = face.cloneNode(true);
    SIZES.forEach(function (name) { copy.classList.remove(name); });
    copy.classList.add("card-" + size);
    node.appendChild(copy);
    return node;
  }

  function impose() {
    var order = [], bySize = {};
    picker.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      if (!box.checked) return;
      var size = select.value || box.dataset.size;
      if (!bySize[size]) {
        bySize[size] = [];
        order.push(size);
      }
      bySize[size].push(box.value);
    });
    container.textContent = "";
    var number = 0;
    order.forEach(function (size) {
      var layout = layouts[size], ids = bySize[size];
      for (var start = 0; start < ids.length; start += layout.perSheet) {
        var chunk = ids.slice(start, start + layout.perSheet);
        number++;
        var front = sheet(size, "front", number), back = sheet(size, "back", number);
        var backs = new Array(Math.ceil(chunk.length / layout.columns) * layout.columns).fill(null);
        chunk.forEach(function (id, i) {
          front.appendChild(slot(size, faces[id].front));
          var row = Math.floor(i / layout.columns), column = i % layout.columns;
          backs[row * layout.columns + (layout.columns - 1 - column)] = id;
        });
        backs.forEach(function (id) { back.appendChild(slot(size, id && faces[id].back)); });
        container.appendChild(front);
        container.appendChild(back);
      }
    });
    report(number);
  }

  // Says how many sheets there are, and names every card whose text runs out of its face.
  function report(sheets) {
    var messages = [], named = {};
    container.querySelectorAll(".card-face").forEach(function (face) {
      var overflows = face.scrollHeight > face.clientHeight + 1;
      face.classList.toggle("card-overflows", overflows);
      var id = face.dataset.card;
      if (overflows && !named[id]) {
        named[id] = true;
        // The sheet knows the size it imposes, whatever classes a theme gives the face.
        var sheetNode = face.closest(".sheet");
        var option = sheetNode && select.querySelector("option[value='" + sheetNode.dataset.size + "']");
        var titleNode = faces[id] && faces[id].front && faces[id].front.querySelector(".card-title");
        var title = titleNode ? titleNode.textContent : id;
        messages.push(fill(strings.overflow, title, option ? option.textContent : ""));
      }
    });
    messages.unshift(sheets ? fill(strings.ready, sheets * 2) : strings.none);
    status.textContent = messages.join(" ");
  }

  picker.hidden = false;
  picker.addEventListener("change", impose);
  // Fonts change the text's height: measure once they are in.
  (document.fonts ? document.fonts.ready : Promise.resolve()).then(function () {
    report(container.querySelectorAll(".sheet-front").length);
  });
})();
