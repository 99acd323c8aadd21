// Unit pickers of the task form: typing filters the checkbox list, accents ignored ("so noi vu" finds "Sở Nội vụ").
(function () {
  "use strict";
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }
  document.addEventListener("input", function (event) {
    var input = event.target.closest("[data-filter-list]");
    if (!input) { return; }
    var list = document.getElementById(input.dataset.filterList);
    if (!list) { return; }
    var words = fold(input.value).split(/\s+/).filter(Boolean);
    list.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      var label = box.closest("label") || box.parentElement;
      var text = fold(label.textContent);
      var shown = box.checked || words.every(function (word) { return text.indexOf(word) !== -1; });
      label.parentElement.hidden = !shown;
    });
  });
})();
