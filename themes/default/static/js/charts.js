// The results charts of the self-assessments, drawn where a form shows its results and on a
// reading path's summary: a bar per row, or a radar over three rows or more. A row is
// { label, share (0–1), text (the score in words) }. Nothing here runs on its own.
(function () {
  "use strict";

  var element = window.trappaHelpers.element, svgElement = window.trappaHelpers.svgElement;

  // A bar per row: the label above its bar, the score in words beside it. The words are
  // HTML, not SVG text, so they keep the page's font size on a phone; only the bar is drawn.
  function bars(rows, label) {
    var chart = element("div", "results-chart chart-bars");
    chart.setAttribute("role", "img");
    chart.setAttribute("aria-label", label);
    rows.forEach(function (row) {
      var line = element("div", "chart-row"), bar = svgElement("svg", { viewBox: "0 0 100 10", preserveAspectRatio: "none", "aria-hidden": "true", focusable: "false" });
      bar.appendChild(svgElement("rect", { x: 0, y: 0, width: 100, height: 10, class: "chart-track" }));
      bar.appendChild(svgElement("rect", { x: 0, y: 0, width: Math.max(0, Math.min(1, row.share)) * 100, height: 10, class: "chart-bar" }));
      line.appendChild(element("span", "chart-label", row.label));
      line.appendChild(bar);
      line.appendChild(element("span", "chart-value", row.text));
      chart.appendChild(line);
    });
    return chart;
  }

  // A radar over the rows, numbered; the numbered list below it names the axes.
  function radar(rows, label) {
    // Drawn at about the size it is shown (forms.css caps it at 22rem), so its numbers stay
    // as large as the text beside it on a phone too.
    var cx = 176, cy = 150, radius = 115, figure = element("div", "results-radar");
    var chart = svgElement("svg", { viewBox: "0 0 352 300", class: "results-chart chart-radar", role: "img", "aria-label": label });
    function point(i, share) {
      var angle = -Math.PI / 2 + (2 * Math.PI * i) / rows.length;
      return [cx + Math.cos(angle) * radius * share, cy + Math.sin(angle) * radius * share];
    }
    [1 / 3, 2 / 3, 1].forEach(function (ring) {
      chart.appendChild(svgElement("polygon", { points: rows.map(function (r, i) { return point(i, ring).join(","); }).join(" "), class: "chart-track" }));
    });
    rows.forEach(function (row, i) {
      var end = point(i, 1), labelAt = point(i, 1.14);
      chart.appendChild(svgElement("line", { x1: cx, y1: cy, x2: end[0], y2: end[1], class: "chart-axis" }));
      chart.appendChild(svgElement("text", { x: labelAt[0], y: labelAt[1] + 5, class: "chart-label chart-axis-number" }, String(i + 1)));
    });
    chart.appendChild(svgElement("polygon", { points: rows.map(function (r, i) { return point(i, Math.max(0, Math.min(1, r.share))).join(","); }).join(" "), class: "chart-area" }));
    figure.appendChild(chart);
    var legend = element("ol", "radar-legend");
    rows.forEach(function (row) { legend.appendChild(element("li", null, row.label + ": " + row.text)); });
    figure.appendChild(legend);
    return figure;
  }

  // The chart a form asks for (`bars` or `radar`); a radar needs three axes.
  function draw(kind, rows, label) {
    return kind === "radar" && rows.length >= 3 ? radar(rows, label) : bars(rows, label);
  }

  window.trappaCharts = { draw: draw };
})();
