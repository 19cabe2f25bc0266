/* The rating tablet at a window: one tap on a face after each finished visit. */
"use strict";
(function () {
  const D = window.Dorak;
  const cfg = JSON.parse(document.getElementById("tablet-config").textContent);
  const $ = (id) => document.getElementById(id);
  let ticket = null;
  let timer = null;

  function idle() { ticket = null; $("rate").hidden = true; $("thanks").hidden = true; $("idle").hidden = false; }

  for (const b of document.querySelectorAll(".faces button")) {
    b.addEventListener("click", async () => {
      if (!ticket) return;
      const id = ticket.tracking_id;
      ticket = null; // one tap, one rating
      await D.api("POST", "/tickets/" + encodeURIComponent(id) + "/rating", { stars: Number(b.dataset.stars) });
      $("rate").hidden = true;
      $("thanks").hidden = false;
      clearTimeout(timer);
      timer = setTimeout(idle, 5000);
    });
  }

  D.live({ tablet: cfg.window }, {
    // The full state arrives once the tablet is in its window's room: from then on it hears.
    state: () => { document.body.dataset.live = "1"; },
    rating_requested: (t) => {
      ticket = t;
      $("number").textContent = t.number;
      $("idle").hidden = true; $("thanks").hidden = true; $("rate").hidden = false;
      clearTimeout(timer);
      timer = setTimeout(idle, 60000); // the citizen walked away
    },
  }, (up) => { if (!up) delete document.body.dataset.live; });
})();
