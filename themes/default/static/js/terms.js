// Glossary terms in the text. Without this script the first use of a term on a page is a
// link to its entry in the glossary; with it, the term is a button that opens its definition
// (a disclosure: mouse, touch, Enter or Space; Escape closes and returns to the button). The
// definition opens below the paragraph or list item the term stands in, so it never splits a
// sentence; it is written into a live region as it opens, so screen readers read it out, and
// it ends with the link to the glossary entry. A pointer resting on the term shows the
// definition as the browser's tooltip, so a reader sees the term is explained.
(function () {
  "use strict";

  var fill = window.trappaHelpers.fill;
  var more = document.currentScript.getAttribute("data-more");

  function disclose(link, n) {
    var term = link.getAttribute("data-term"), definition = link.getAttribute("data-definition");
    var href = link.getAttribute("href");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "term";
    button.textContent = link.textContent;
    button.setAttribute("aria-expanded", "false");
    button.title = term + ": " + definition;
    var box = document.createElement("span");
    box.className = "term-definition";
    box.id = "glossary-term-" + n;
    box.hidden = true;
    box.setAttribute("aria-live", "polite");
    button.setAttribute("aria-controls", box.id);

    function open() {
      box.hidden = false;
      // Written after the region is shown, so that it is announced.
      var text = document.createElement("span");
      text.textContent = term + ": " + definition + " ";
      var to = document.createElement("a");
      to.href = href;
      to.textContent = fill(more, term);
      box.appendChild(text);
      box.appendChild(to);
      button.setAttribute("aria-expanded", "true");
    }
    function close() {
      box.textContent = "";
      box.hidden = true;
      button.setAttribute("aria-expanded", "false");
    }
    button.addEventListener("click", function () {
      if (box.hidden) open();
      else close();
    });
    [button, box].forEach(function (node) {
      node.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && !box.hidden) {
          close();
          button.focus();
        }
      });
    });
    // The end of the block the term stands in: after the sentence, not inside it.
    var block = link.closest("p, li, dd, dt, td, th, figcaption, blockquote") || link.parentNode;
    link.parentNode.replaceChild(button, link);
    block.appendChild(box);
  }

  Array.prototype.forEach.call(document.querySelectorAll("a.term[data-definition]"), function (link, i) {
    disclose(link, i + 1);
  });
})();
