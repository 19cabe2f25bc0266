/* Reports of a chosen period: the export links (GET /api/v1/reports as CSV or XLSX: readable in
   the page's language, and the raw machine form with the same figures as its JSON) and the
   ratings per service and per window from that report. The period is announced
   ("dorak:period") for the comments given with ratings in "Citizens' words" (remarks.js). */
"use strict";
(function () {
  const D = window.Dorak;
  const R = JSON.parse(document.getElementById("reports-config").textContent);
  const $ = (id) => document.getElementById(id);
  const form = $("report-form");
  const names = {};

  function dayBefore(iso, days) {
    const d = new Date(iso + "T12:00:00Z");
    d.setUTCDate(d.getUTCDate() - days);
    return d.toISOString().slice(0, 10);
  }
  function period() {
    return { from: form.elements.from.value, to: form.elements.to.value || form.elements.from.value };
  }
  function query(extra) {
    const p = period();
    return new URLSearchParams(Object.assign({ from: p.from, to: p.to }, extra)).toString();
  }
  function cell(text) { const td = document.createElement("td"); td.textContent = text; return td; }
  const mean = (x) => (x === null || x === undefined ? R.none : R.stars.replace("{n}", Number(x).toFixed(1)));

  function ratingRows(tbody, rows, key, label) {
    const rated = rows.filter((r) => r.ratings);
    tbody.replaceChildren(...(rated.length ? rated : rows).map((r) => {
      const tr = document.createElement("tr");
      tr.append(cell(label(r[key])), cell(String(r.ratings || 0)), cell(mean(r.rating_mean)), cell(String(r.served || 0)));
      return tr;
    }));
  }

  async function refresh() {
    const p = period();
    if (!p.from) return;
    const by = form.elements.by.value;
    const readable = { by, view: "readable", lang: D.lang };  // for people, in the page's language
    $("export-xlsx").href = "/api/v1/reports?" + query(Object.assign({ format: "xlsx" }, readable));
    $("export-csv").href = "/api/v1/reports?" + query(Object.assign({ format: "csv" }, readable));
    $("export-raw-csv").href = "/api/v1/reports?" + query({ by, format: "csv" });
    $("export-raw-xlsx").href = "/api/v1/reports?" + query({ by, format: "xlsx" });
    document.dispatchEvent(new CustomEvent("dorak:period", { detail: p }));
    const [services, windows, state] = await Promise.all([
      D.api("GET", "/reports?" + query({ by: "service" })),
      D.api("GET", "/reports?" + query({ by: "window" })),
      Object.keys(names).length ? Promise.resolve(null) : D.api("GET", "/services"),
    ]);
    if (state && state.ok) for (const s of state.data.services) names[s.code] = D.name(s.name);
    if (services.ok) ratingRows($("ratings-service"), services.data.rows, "service", (c) => names[c] || c);
    if (windows.ok) ratingRows($("ratings-window"), windows.data.rows, "window", (n) => R.window_n.replace("{n}", n));
  }

  form.elements.from.value = R.today;
  form.elements.to.value = R.today;
  form.addEventListener("change", refresh);
  for (const b of form.querySelectorAll("button[data-days]")) {
    b.addEventListener("click", () => {
      const days = Number(b.dataset.days);
      form.elements.from.value = dayBefore(R.today, days);
      form.elements.to.value = days === 1 ? dayBefore(R.today, 1) : R.today;
      refresh();
    });
  }
  refresh();
})();
