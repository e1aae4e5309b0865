// Helpers the site's scripts share, loaded before them on every page that needs them:
// filling a UI string's "{}" places, making HTML and SVG elements, writing a date, offering a
// text as a file to download, finding the learning platform's session a SCORM package's
// launch page holds. Nothing here runs on its own.
(function () {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";

  // Each "{}" of `template` in turn takes the next value. A function as the replacement, so
  // that `$&` or `$1` in a value (a card's title, a search query) stays as written.
  function fill(template) {
    var values = Array.prototype.slice.call(arguments, 1);
    return template.replace(/\{\}/g, function () { return String(values.shift()); });
  }

  // An HTML element with an optional class and text.
  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // An SVG element with its attributes and, optionally, text.
  function svgElement(tag, attributes, text) {
    var node = document.createElementNS(SVG_NS, tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // A day as the page's language writes it ("2 december 2026"), from a Date, an ISO time or
  // a YYYY-MM-DD day (read as that day wherever the reader is); "" for what is no date.
  function longDate(value) {
    var date = value instanceof Date ? value : new Date(/^\d{4}-\d\d-\d\d$/.test(value) ? value + "T12:00:00" : value);
    if (isNaN(date.getTime())) return "";
    return date.toLocaleDateString(document.documentElement.lang || undefined, { year: "numeric", month: "long", day: "numeric" });
  }

  // A Blob behind a download link: works from file:// and sends nothing anywhere.
  function download(name, type, text) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var link = element("a");
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    setTimeout(function () {
      URL.revokeObjectURL(url);
      link.remove();
    }, 1000);
  }

  // The session of a reading path in a learning platform: the bridge of the SCORM launch page
  // (scorm.js) this page is shown in, up the frames of the same origin. null on a page of its
  // own (no parent: nothing is looked for), from file:// and in a frame of anything else.
  function scorm() {
    var win = window;
    for (var depth = 0; depth < 10 && win.parent !== win; depth += 1) {
      win = win.parent;
      try {
        if (win.trappaScorm) return win.trappaScorm;
      } catch (e) {
        return null;
      }
    }
    return null;
  }

  window.trappaHelpers = { fill: fill, element: element, svgElement: svgElement, longDate: longDate, download: download, scorm: scorm };
})();
