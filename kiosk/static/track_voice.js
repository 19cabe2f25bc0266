/* The citizen's voice on the phone page: after the visit, a remark with its category; the
   visit's own remarks with the supervisor's answer, live while the page is open. Loaded before
   track.js, which tells it of the ticket ("dorak:ticket") and of answers ("dorak:remark"). */
"use strict";
(function () {
  const D = window.Dorak;
  const cfg = JSON.parse(document.getElementById("track-config").textContent);
  const S = cfg.strings;
  const $ = (id) => document.getElementById(id);
  const path = "/tickets/" + encodeURIComponent(cfg.tracking_id) + "/remarks";
  const remarks = new Map();

  function render() {
    const items = [...remarks.values()].sort((a, b) => a.id - b.id);
    $("my-remarks").hidden = !items.length;
    $("remarks-list").replaceChildren(...items.map((r) => {
      const li = document.createElement("li");
      li.dataset.remark = r.id;
      const cat = document.createElement("span");
      cat.className = "cat";
      cat.textContent = D.name(r.category_name);
      const said = document.createElement("p");
      said.className = "said";
      said.textContent = r.text; // text from the public: never markup
      li.append(cat, said);
      const answer = document.createElement("p");
      answer.className = r.answer ? "answer" : "pending";
      answer.textContent = r.answer ? S.answer.replace("{text}", r.answer) : S.pending;
      if (r.answer) answer.dataset.testid = "answer";
      li.append(answer);
      return li;
    }));
  }

  D.remarkForm($("voice").querySelector("[data-remark-form]"), (body) => D.api("POST", path, body), (r) => {
    remarks.set(r.id, r);
    render();
  });

  document.addEventListener("dorak:ticket", (e) => {
    $("voice").hidden = e.detail.status !== "done"; // after the visit
  });
  document.addEventListener("dorak:remark", (e) => { remarks.set(e.detail.id, e.detail); render(); });

  D.api("GET", path).then((r) => {
    if (!r.ok) return;
    for (const x of r.data.remarks) if (!remarks.has(x.id)) remarks.set(x.id, x);
    render();
  });
})();
