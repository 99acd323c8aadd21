// Review screen: a click on an extracted item highlights the source lines it came from.
(function () {
  "use strict";
  function highlight(range) {
    var source = document.getElementById("source-text");
    if (!source) { return; }
    var parts = range.split("-");
    var start = parseInt(parts[0], 10);
    var end = parseInt(parts[1] || parts[0], 10);
    if (isNaN(start)) { return; }
    source.querySelectorAll(".is-highlighted").forEach(function (line) { line.classList.remove("is-highlighted"); });
    for (var n = start; n <= end; n += 1) {
      var line = document.getElementById("L" + n);
      if (line) { line.classList.add("is-highlighted"); }
    }
    var first = document.getElementById("L" + start);
    if (first) {
      source.scrollTo({ top: Math.max(first.offsetTop - source.clientHeight / 4, 0), behavior: "smooth" });
    }
  }
  document.addEventListener("click", function (event) {
    var trigger = event.target.closest("[data-lines]");
    if (trigger) { highlight(trigger.dataset.lines); }
  });
})();
