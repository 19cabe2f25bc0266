/* A remark form (kiosk/templates/kiosk/_remark_form.html): a category, a text, send. `send` is
   given {category, text} and returns the API's answer. */
"use strict";
(function () {
  const D = window.Dorak;
  D.remarkForm = function (root, send, onSent) {
    const text = root.querySelector(".remark-text");
    const button = root.querySelector(".remark-send");
    const said = root.querySelector(".remark-said");
    const error = root.querySelector(".remark-error");
    let category = null;
    let busy = false;
    const ready = () => { button.disabled = busy || !category || !text.value.trim(); };
    for (const b of root.querySelectorAll(".remark-cats button")) {
      b.addEventListener("click", () => {
        category = b.dataset.category;
        for (const x of root.querySelectorAll(".remark-cats button")) x.setAttribute("aria-pressed", String(x === b));
        said.hidden = true;
        ready();
      });
    }
    text.addEventListener("input", () => { said.hidden = true; ready(); });
    button.addEventListener("click", async () => {
      if (busy) return;
      busy = true;
      ready();
      error.hidden = true;
      try {
        const r = await send({ category, text: text.value.trim() });
        if (r.ok) {
          text.value = "";
          category = null;
          for (const x of root.querySelectorAll(".remark-cats button")) x.setAttribute("aria-pressed", "false");
          said.hidden = false;
          if (onSent) onSent(r.data);
        } else {
          error.textContent = D.errorText(r, "");
          error.hidden = !error.textContent;
        }
      } catch (e) {
        error.hidden = true;
      } finally {
        busy = false;
        ready();
      }
    });
    return { reset() { text.value = ""; category = null; said.hidden = true; error.hidden = true; ready(); } };
  };
})();
