// carico's only script: fits the report frame to its content, closes the
// menu's group, and refreshes the page of an import in progress. Pages
// work without it.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("iframe.rapporto").forEach(function (f) {
    var fit = function () {
      try { f.style.height = (f.contentDocument.documentElement.scrollHeight + 20) + "px"; } catch (e) { /* another origin: keep the default */ }
    };
    f.addEventListener("load", function () { fit(); setTimeout(fit, 800); });
  });
  // The menu's group closes on a click elsewhere or on Escape.
  document.querySelectorAll("details.menu-gruppo").forEach(function (d) {
    document.addEventListener("click", function (e) { if (!d.contains(e.target)) { d.open = false; } });
    d.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && d.open) { d.open = false; d.querySelector("summary").focus(); }
    });
  });
  if (document.querySelector(".progress-line")) {
    setTimeout(function () { window.location.reload(); }, 1000);
  }
});
