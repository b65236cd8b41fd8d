// Progressive enhancement only: every page works without this file.
document.documentElement.classList.add("js");

// The code editor (Tab, indentation, highlighting) is static/editor.js.

// Filters submit themselves when changed.
document.querySelectorAll("select[data-autosubmit]").forEach((select) => {
  select.addEventListener("change", () => select.form.submit());
});

// Answer first (issue 12): a running timer beside the answer form. The server measures
// the time itself from the form's started_at; this only shows it. With data-limit it
// counts down, then shows the overrun (shown, never enforced).
document.querySelectorAll("output[data-timer]").forEach((out) => {
  const started = parseFloat(out.dataset.started);
  const limit = out.dataset.limit ? parseFloat(out.dataset.limit) : null;
  if (!Number.isFinite(started)) return;
  const clock = (s) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, "0")}`;
  const tick = () => {
    const elapsed = Math.max(0, Date.now() / 1000 - started);
    if (limit === null) {
      out.textContent = clock(elapsed);
    } else if (elapsed <= limit) {
      out.textContent = `${clock(limit - elapsed)} to go`;
    } else {
      out.textContent = `${clock(elapsed - limit)} over`;
      out.classList.add("over");
    }
  };
  tick();
  setInterval(tick, 1000);
});

// Answer first: the rating the ticked key points suggest, updated as boxes change.
// The ratings per number of ticks come from the server (data-ratings), not from here.
document.querySelectorAll("form.answer-compare").forEach((form) => {
  const fieldset = form.querySelector("fieldset.rating[data-ratings]");
  const hint = form.querySelector("[data-rating-hint]");
  if (!fieldset || !hint) return;
  const ratings = fieldset.dataset.ratings.split(",").map(Number);
  const names = { 1: "again", 2: "hard", 3: "good", 4: "easy" };
  form.querySelectorAll("input[type=checkbox][name^=tick-]").forEach((box) => {
    box.addEventListener("change", () => {
      const ticked = form.querySelectorAll("input[type=checkbox][name^=tick-]:checked").length;
      hint.textContent = names[ratings[ticked]] || hint.textContent;
    });
  });
});
