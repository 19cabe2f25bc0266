/* The dashboard's charts with Chart.js (npm, served by Dorak itself): the line of people
   waiting over the day as a line, tickets issued per hour, and how long people waited per
   service as stacked bars. Labels at 14 px; each canvas is an image with a text that says what
   it shows, for screen readers. Right-to-left on the Arabic page. */
"use strict";
(function () {
  const D = window.Dorak;
  const R = JSON.parse(document.getElementById("reports-config").textContent);
  const INK = "#1f2937";
  const GRID = "#e2e8f0";
  const BUCKET_COLOURS = ["#14532d", "#15803d", "#65a30d", "#ca8a04", "#ea580c", "#b91c1c"];
  const charts = {};
  if (window.Chart) {
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    Chart.defaults.font.size = 14;
    Chart.defaults.color = INK;
    Chart.defaults.animation = false; // live figures: no movement every 30 s
  }
  const rtl = D.lang === "ar";

  function canvasIn(id, label) {
    const box = document.getElementById(id);
    let canvas = box.querySelector("canvas");
    if (!canvas) {
      canvas = document.createElement("canvas");
      canvas.setAttribute("role", "img");
      box.replaceChildren(canvas);
    }
    canvas.setAttribute("aria-label", label);
    canvas.textContent = label; // the fallback content
    return canvas;
  }

  /* Chart.js keeps the end tick labels inside the canvas by padding the side of tick 0 and the
     side of the last tick, taking tick 0 to be on the left. A reversed category axis (the Arabic
     page runs time right to left) has tick 0 on the right, so the left end was not padded and its
     label was cut (":35" for "09:35"). The same rule, for the sides the labels are really on. */
  function padEnds(scale) {
    const n = scale.ticks.length;
    if (!scale.isHorizontal() || n < 2 || !scale.options.ticks.display) return;
    if (scale.getPixelForTick(0) <= scale.getPixelForTick(n - 1)) return; // Chart.js's own case
    const ctx = scale.ctx;
    ctx.save();
    ctx.font = Chart.helpers.toFont(scale.options.ticks.font).string;
    const half = (i) => ctx.measureText(String(scale.ticks[i].label)).width / 2;
    const pad = scale.options.ticks.padding;
    const width = scale.width;
    const offsetLeft = scale.getPixelForTick(n - 1) - scale.left;
    const offsetRight = scale.right - scale.getPixelForTick(0);
    scale.paddingLeft = Math.max((half(n - 1) - offsetLeft + pad) * width / (width - offsetLeft), 0);
    scale.paddingRight = Math.max((half(0) - offsetRight + pad) * width / (width - offsetRight), 0);
    ctx.restore();
  }

  function axis(title, extra) {
    return Object.assign({ reverse: false, title: { display: true, text: title, font: { size: 14, weight: "bold" } },
      ticks: { font: { size: 14 } }, grid: { color: GRID }, afterFit: padEnds }, extra || {});
  }

  function draw(id, config, label) {
    const canvas = canvasIn(id, label);
    if (charts[id]) {
      charts[id].data = config.data;
      charts[id].update("none");
      return;
    }
    config.options = Object.assign({ responsive: true, maintainAspectRatio: false, locale: rtl ? "ar-EG-u-nu-latn" : "en",
      plugins: { legend: { display: false, rtl, labels: { font: { size: 14 } } }, tooltip: { rtl } } }, config.options || {});
    charts[id] = new Chart(canvas, config);
  }

  function summary(title, labels, values) {
    if (!values.length) return title + ": " + R.none;
    const most = Math.max(...values);
    const at = labels[values.indexOf(most)];
    return title + " — " + values.length + " · max " + most + " (" + at + ")";
  }

  function drawAll(c, names) {
    if (!window.Chart) return;
    const line = c.waiting_over_day;
    const lineLabels = line.map((p) => p.at);
    const lineValues = line.map((p) => p.waiting);
    draw("chart-line", {
      type: "line",
      data: { labels: lineLabels, datasets: [{ data: lineValues, borderColor: "#0b5394", backgroundColor: "#0b539433",
        fill: true, tension: 0.2, pointRadius: 0, borderWidth: 3 }] },
      options: { scales: { x: axis(R.time_axis, { reverse: rtl, ticks: { font: { size: 14 }, maxTicksLimit: 10, autoSkip: true } }),
        y: axis(R.waiting_axis, { beginAtZero: true, position: rtl ? "right" : "left", ticks: { precision: 0, font: { size: 14 } } }) } },
    }, summary(R.waiting_axis, lineLabels, lineValues));

    const hours = c.per_hour.map((p) => String(p.hour).padStart(2, "0") + ":00");
    const issued = c.per_hour.map((p) => p.issued);
    draw("chart-hours", {
      type: "bar",
      data: { labels: hours, datasets: [{ data: issued, backgroundColor: "#0b5394" }] },
      options: { scales: { x: axis(R.hour_axis, { reverse: rtl }),
        y: axis(R.issued_axis, { beginAtZero: true, position: rtl ? "right" : "left", ticks: { precision: 0, font: { size: 14 } } }) } },
    }, summary(R.issued_axis, hours, issued));

    const edges = c.wait_buckets_min;
    const buckets = edges.map((e, i) => (i ? edges[i - 1] : 0) + "–" + e).concat([">" + edges[edges.length - 1]]);
    const services = Object.keys(c.waits);
    const box = document.getElementById("chart-waits");
    box.style.height = Math.max(160, 60 + services.length * 44) + "px";
    draw("chart-waits", {
      type: "bar",
      data: { labels: services.map((code) => names[code] || code),
        datasets: buckets.map((b, i) => ({ label: b, data: services.map((code) => c.waits[code][i]), backgroundColor: BUCKET_COLOURS[i] })) },
      options: { indexAxis: "y", plugins: { legend: { display: true, position: "top", rtl, labels: { font: { size: 14 } } }, tooltip: { rtl } },
        scales: { x: axis(R.people_axis, { stacked: true, reverse: rtl, beginAtZero: true, ticks: { precision: 0, font: { size: 14 } } }),
          y: axis(R.minutes_axis, { stacked: true, position: rtl ? "right" : "left", title: { display: false } }) } },
    }, services.map((code) => (names[code] || code) + ": " + buckets.map((b, i) => b + " " + c.waits[code][i]).join(", ")).join("; ") || R.none);
  }

  window.DorakCharts = { draw: drawAll };
})();
