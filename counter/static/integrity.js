/* Calling a number that skips older waiting tickets: the server answers 409 reason_needed with
   the tickets skipped; the clerk picks a reason (keys 1-4) and the call is made with it, and
   recorded out of order. */
"use strict";
(function () {
  const D = window.Dorak;
  const dialog = document.getElementById("d-reason");
  D.askReason = function (answer) {
    return new Promise((resolve) => {
      document.getElementById("reason-skipped").textContent = D.errorText({ data: answer }, "");
      dialog.addEventListener("close", () => resolve(dialog.returnValue), { once: true });
      dialog.returnValue = "";
      dialog.showModal();
    });
  };
})();
