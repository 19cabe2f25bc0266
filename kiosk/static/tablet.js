/* The rating tablet at a window: one tap on a face after each finished visit. */
"use strict";
(function () {
  const D = window.Dorak;
  const cfg = JSON.parse(document.getElementById("tablet-config").textContent);
  const $ = (id) => document.getElementById(id);
  let ticket = null;
  let rated = null; // the visit just rated: it may still leave a remark
  let timer = null;

  function idle() {
    ticket = null; rated = null;
    $("rate").hidden = true; $("thanks").hidden = true; $("voice").hidden = true; $("idle").hidden = false;
  }

  // Beside the stars: a remark with its category, for the visit just rated (dorak/api/remarks.py).
  const voice = D.remarkForm($("voice").querySelector("[data-remark-form]"),
    (body) => D.api("POST", "/tickets/" + encodeURIComponent(rated) + "/remarks", body),
    () => { clearTimeout(timer); timer = setTimeout(idle, 8000); });
  $("voice").addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(idle, 60000); });

  for (const b of document.querySelectorAll(".faces button")) {
    b.addEventListener("click", async () => {
      if (!ticket) return;
      const id = ticket.tracking_id;
      ticket = null; // one tap, one rating
      rated = id;
      voice.reset();
      await D.api("POST", "/tickets/" + encodeURIComponent(id) + "/rating", { stars: Number(b.dataset.stars) });
      $("rate").hidden = true;
      $("thanks").hidden = false;
      $("voice").hidden = false;
      clearTimeout(timer);
      timer = setTimeout(idle, 30000); // time to say more, if they wish
    });
  }

  D.live({ tablet: cfg.window }, {
    // The full state arrives once the tablet is in its window's room: from then on it hears.
    state: () => { document.body.dataset.live = "1"; },
    rating_requested: (t) => {
      ticket = t;
      $("number").textContent = t.number;
      $("idle").hidden = true; $("thanks").hidden = true; $("voice").hidden = true; $("rate").hidden = false;
      clearTimeout(timer);
      timer = setTimeout(idle, 60000); // the citizen walked away
    },
  }, (up) => { if (!up) delete document.body.dataset.live; });
})();
