// Helpers the site's scripts share, loaded before them on every page that needs them:
// filling a UI string's "{}" places and drawing SVG. Nothing here runs on its own.
(function () {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";

  // Each "{}" of `template` in turn takes the next value. A function as the replacement, so
  // that `$&` or `$1` in a value (a card's title, a search query) stays as written.
  function fill(template) {
    var values = Array.prototype.slice.call(arguments, 1);
    return template.replace(/\{\}/g, function () { return String(values.shift()); });
  }

  // An SVG element with its attributes and, optionally, text.
  function svgElement(tag, attributes, text) {
    var node = document.createElementNS(SVG_NS, tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  window.trappaHelpers = { fill: fill, svgElement: svgElement };
})();
