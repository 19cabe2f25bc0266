/* The small screen above one window: the number at that window now. */
"use strict";
(function () {
  const D = window.Dorak;
  const cfg = JSON.parse(document.getElementById("display-config").textContent);
  const S = cfg.strings;
  const $ = (id) => document.getElementById(id);

  function show(w) {
    if (!w || w.number !== cfg.window) return;
    if (w.status === "paused" || w.status === "unstaffed") {
      $("number").textContent = "—";
      $("state").textContent = S.closed + (w.status === "paused" && w.reason ? " — " + w.reason : "");
    } else {
      $("number").textContent = w.ticket ? w.ticket.number : "—";
      $("state").textContent = "";
    }
  }

  D.live({}, {
    state: (s) => show(s.windows.find((w) => w.number === cfg.window)),
    window_updated: show,
    ticket_called: (c) => {
      if (c.window !== cfg.window) return;
      $("number").textContent = c.number;
      document.body.classList.add("fresh");
      setTimeout(() => document.body.classList.remove("fresh"), cfg.highlight_s * 1000);
    },
  }, (up) => { $("offline").hidden = up; });
})();
