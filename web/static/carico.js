// carico's only script: fits the report frame to its content and refreshes
// the page of an import in progress. Pages work without it.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("iframe.rapporto").forEach(function (f) {
    var fit = function () {
      try { f.style.height = (f.contentDocument.documentElement.scrollHeight + 20) + "px"; } catch (e) { /* another origin: keep the default */ }
    };
    f.addEventListener("load", function () { fit(); setTimeout(fit, 800); });
  });
  if (document.querySelector(".progress-line")) {
    setTimeout(function () { window.location.reload(); }, 1000);
  }
});
