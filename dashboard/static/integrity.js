/* The supervisors' integrity view: per clerk, calls in and out of order with the reasons given,
   tickets skipped, recalls beyond the second, cancels and reprints (/api/v1/reports/integrity). */
"use strict";
(function () {
  const D = window.Dorak;
  const cfg = JSON.parse(document.getElementById("integrity-config").textContent);
  const $ = (id) => document.getElementById(id);
  const pct = (x) => (x === null || x === undefined ? "" : " (" + (x * 100).toFixed(1) + " %)");

  async function load() {
    const r = await D.api("GET", "/reports/integrity?days=" + $("integrity-days").value);
    if (!r.ok) return;
    if (!r.data.rows.length) {
      const td = document.createElement("td");
      td.colSpan = 9;
      td.textContent = cfg.none;
      const tr = document.createElement("tr");
      tr.append(td);
      $("integrity-rows").replaceChildren(tr);
      return;
    }
    $("integrity-rows").replaceChildren(...r.data.rows.map((row) => {
      const tr = document.createElement("tr");
      tr.dataset.clerk = row.clerk;
      const reasons = Object.keys(cfg.reasons)
        .filter((k) => row["reason_" + k])
        .map((k) => D.name(cfg.reasons[k]) + ": " + row["reason_" + k]).join(" · ");
      for (const text of [row.clerk, row.calls, row.in_order + pct(row.in_order_share), row.out_of_order,
        reasons || "—", row.skipped_tickets, row.recalls_beyond_second, row.cancels, row.reprints]) {
        const td = document.createElement("td");
        td.textContent = String(text);
        tr.append(td);
      }
      if (row.out_of_order) tr.className = "flagged";
      return tr;
    }));
  }
  $("integrity-days").addEventListener("change", load);
  load();
  setInterval(load, 60000);
})();
