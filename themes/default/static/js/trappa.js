// trappa's base script: small progressive enhancements only. The site works without it.
// Loaded with `defer` from the site's own files, so it runs under the page's strict CSP.
(function () {
  "use strict";

  // Print buttons are hidden in the HTML (they need JavaScript) and shown here.
  function setUpPrintButtons() {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        window.print();
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpPrintButtons);
  } else {
    setUpPrintButtons();
  }
})();
