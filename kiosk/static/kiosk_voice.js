/* The kiosk's "complaint or suggestion": a remark without a ticket (rate-limited per kiosk by the
   server). Typing keeps the kiosk from going back to its first screen; a minute untouched, or
   a few seconds after sending, the dialog closes by itself. */
"use strict";
(function () {
  const D = window.Dorak;
  const cfg = JSON.parse(document.getElementById("kiosk-config").textContent);
  const $ = (id) => document.getElementById(id);
  const dialog = $("voice-dialog");
  let timer = null;

  function later(seconds) {
    clearTimeout(timer);
    timer = setTimeout(() => { if (dialog.open) dialog.close(); }, seconds * 1000);
  }
  const form = D.remarkForm(dialog.querySelector("[data-remark-form]"),
    (body) => D.api("POST", "/remarks", body, cfg.csrf),
    () => later(6));
  $("voice-open").addEventListener("click", () => { form.reset(); dialog.showModal(); later(60); });
  $("voice-close").addEventListener("click", () => dialog.close());
  dialog.addEventListener("input", () => {
    later(60);
    document.dispatchEvent(new PointerEvent("pointerdown")); // the kiosk's own idle timer
  });
  dialog.addEventListener("click", () => later(60));
})();
