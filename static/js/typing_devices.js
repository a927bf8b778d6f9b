// Without a physical keyboard (a phone, a tablet) the full test is hidden and the warm-ups offered, with why.
(function () {
  "use strict";
  if (!window.matchMedia("(hover: none) and (pointer: coarse)").matches) return;
  document.getElementById("no-keyboard").hidden = false;
  document.querySelectorAll(".keyboard-only").forEach((el) => { el.hidden = true; });
})();
