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

  // The menu button (narrow screens only, by the CSS) folds the menu away; Escape in the open
  // menu folds it again and puts the focus back on the button.
  function setUpMenuButton() {
    var button = document.querySelector("[data-menu-toggle]");
    var menu = button && document.getElementById(button.getAttribute("aria-controls"));
    if (!menu) {
      return;
    }
    function setOpen(open) {
      button.setAttribute("aria-expanded", String(open));
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      setOpen(button.getAttribute("aria-expanded") !== "true");
    });
    menu.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        button.focus();
      }
    });
  }

  function setUp() {
    setUpPrintButtons();
    setUpMenuButton();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
