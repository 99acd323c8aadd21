/*
 * Dashboard charts, drawn with the vendored Chart.js (static/vendor/chartjs).
 *
 * A chart is a <canvas data-chart="KIND" data-source="ID">: ID is the json_script element holding the
 * page's chart data, KIND the key of this chart's data in it and of its builder below. The numbers are
 * also on the page as text (tables, lists); the charts only draw them.
 * Clicking a bar opens the activities behind it (the data's "urls"); clicking a part of the status
 * doughnut, or a status button, shows only the rows of that status ([data-status-row]).
 */
(function () {
  "use strict";

  if (typeof window.Chart === "undefined") {
    return;
  }
  var Chart = window.Chart;
  var style = window.getComputedStyle(document.documentElement);

  function colour(name, fallback) {
    return style.getPropertyValue(name).trim() || fallback;
  }

  function opener(urls) {
    return {
      onClick: function (event, elements) {
        var url = elements.length ? urls[elements[0].index] : "";
        if (url) {
          window.location.assign(url);
        }
      },
      onHover: function (event, elements) {
        var url = elements.length ? urls[elements[0].index] : "";
        event.native.target.style.cursor = url ? "pointer" : "default";
      },
    };
  }

  Chart.defaults.font.family = colour("--bs-body-font-family", "system-ui, sans-serif");
  Chart.defaults.color = colour("--bs-secondary-color", "#6c757d");
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.animation = false;

  var integers = { beginAtZero: true, ticks: { precision: 0 } };

  var builders = {
    months: function (canvas, data) {
      var primary = colour("--bs-primary", "#0d6efd");
      var danger = colour("--bs-danger", "#dc3545");
      return new Chart(canvas, {
        type: "bar",
        data: {
          labels: data.labels,
          datasets: [
            { type: "bar", label: "Đã làm", data: data.done, backgroundColor: primary, maxBarThickness: 32, order: 2 },
            {
              type: "line", label: "Đến hạn", data: data.due, borderColor: danger, backgroundColor: danger,
              borderWidth: 2, pointRadius: 3, order: 1,
            },
          ],
        },
        options: Object.assign({
          scales: { y: integers },
          interaction: { mode: "index", intersect: false },
          plugins: { legend: { position: "bottom" } },
        }, opener(data.urls)),
      });
    },

    channels: function (canvas, data) {
      return new Chart(canvas, {
        type: "bar",
        data: {
          labels: data.labels,
          datasets: [{
            label: "Hoạt động", data: data.counts, backgroundColor: colour("--bs-primary", "#0d6efd"), maxBarThickness: 28,
          }],
        },
        options: Object.assign({
          indexAxis: "y",
          scales: { x: integers },
          plugins: { legend: { display: false } },
        }, opener(data.urls)),
      });
    },

    statuses: function (canvas, data) {
      return new Chart(canvas, {
        type: "doughnut",
        data: {
          labels: data.labels,
          datasets: [{
            data: data.counts,
            backgroundColor: data.colours.map(function (name) { return colour(name, "#6c757d"); }),
          }],
        },
        options: {
          plugins: { legend: { display: false } },
          onClick: function (event, elements) {
            if (elements.length) {
              showStatus(data.keys[elements[0].index]);
            }
          },
          onHover: function (event, elements) {
            event.native.target.style.cursor = elements.length ? "pointer" : "default";
          },
        },
      });
    },
  };

  // Only the rows of ``status`` ("" for all), and the button to show them all again when filtered.
  function showStatus(status) {
    document.querySelectorAll("[data-status-row]").forEach(function (row) {
      row.hidden = Boolean(status) && row.getAttribute("data-status-row") !== status;
    });
    document.querySelectorAll('[data-status-filter=""]').forEach(function (button) {
      button.hidden = !status;
    });
  }

  document.querySelectorAll("[data-status-filter]").forEach(function (button) {
    button.addEventListener("click", function () {
      showStatus(button.getAttribute("data-status-filter"));
    });
  });

  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var source = document.getElementById(canvas.getAttribute("data-source"));
    var kind = canvas.getAttribute("data-chart");
    if (!source || !builders[kind]) {
      return;
    }
    var data = JSON.parse(source.textContent)[kind];
    if (data) {
      builders[kind](canvas, data);
    }
  });
})();
