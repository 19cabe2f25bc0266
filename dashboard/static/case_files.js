/* The dashboard's case-file figures: one row per file type (and window or clerk) for the
   chosen period, from /api/v1/reports/files; again every minute and when the period changes. */
"use strict";
(function () {
  const D = window.Dorak;
  const cfg = JSON.parse(document.getElementById("case-files-config").textContent);
  const $ = (id) => document.getElementById(id);
  const pct = (x) => (x === null || x === undefined ? "—" : (x * 100).toFixed(1) + " %");
  const num = (x) => (x === null || x === undefined ? "—" : String(x));

  function query(format) {
    const by = $("files-by").value;
    return "/reports/files?days=" + $("files-days").value + "&by=" + by + (format ? "&format=" + format : "");
  }

  async function load() {
    const by = $("files-by").value;
    $("files-by-head").hidden = by === "file_type";
    $("files-by-head").textContent = $("files-by").selectedOptions[0].textContent;
    const readable = "&view=readable&lang=" + D.lang;  // for people, in the page's language
    $("files-csv").href = "/api/v1" + query("csv") + readable;
    $("files-xlsx").href = "/api/v1" + query("xlsx") + readable;
    $("files-raw").href = "/api/v1" + query("csv");
    const r = await D.api("GET", query());
    if (!r.ok) return;
    const rows = r.data.rows;
    if (!rows.length) {
      const tr = document.createElement("tr");
      const td = document.createElement("td");
      td.colSpan = 10;
      td.textContent = cfg.none;
      tr.append(td);
      $("files-rows").replaceChildren(tr);
      return;
    }
    $("files-rows").replaceChildren(...rows.map((row) => {
      const tr = document.createElement("tr");
      const cells = [
        D.name(cfg.types[row.file_type]) || row.file_type,
        by === "file_type" ? null : num(row[by]),
        num(row.opened), num(row.completed), num(row.rejected), num(row.still_open),
        pct(row.completion_rate),
        num(row.days_to_completion_median) + " / " + num(row.days_to_completion_p90),
        num(row.visits_per_completed_file),
        num(row.documents_missing_visits) + " (" + pct(row.documents_missing_share) + ")",
      ];
      for (const c of cells) {
        if (c === null) continue;
        const td = document.createElement("td");
        td.textContent = c;
        tr.append(td);
      }
      tr.dataset.fileType = row.file_type;
      return tr;
    }));
  }

  $("files-days").addEventListener("change", load);
  $("files-by").addEventListener("change", load);
  load();
  setInterval(load, 60000);
})();
