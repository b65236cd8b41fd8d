// Progressive enhancement only: every page works without this file.
document.documentElement.classList.add("js");

// Tab inserts four spaces in the code editor instead of leaving the field.
document.querySelectorAll("textarea[name=source]").forEach((area) => {
  area.addEventListener("keydown", (event) => {
    if (event.key !== "Tab" || event.shiftKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    const start = area.selectionStart;
    area.setRangeText("    ", start, area.selectionEnd, "end");
  });
});

// Filters submit themselves when changed.
document.querySelectorAll("select[data-autosubmit]").forEach((select) => {
  select.addEventListener("change", () => select.form.submit());
});
