// Searchable pickers put an id in their field (the value of the suggestion chosen from the datalist). This shows, beside
// the field, the name that the id stands for. Only an enhancement: without it the form works the same.
"use strict";
for (const input of document.querySelectorAll("input[list]")) {
  const list = document.getElementById(input.getAttribute("list"));
  if (!list) continue;
  const names = list.namesById ??= new Map([...list.options].map(option => [option.value, option.textContent.trim()]));
  const shown = document.createElement("span");
  shown.className = "picked";
  shown.setAttribute("aria-live", "polite");
  input.after(shown);
  const update = () => { shown.textContent = names.get(input.value.trim()) ?? ""; };
  input.addEventListener("input", update);
  update();
}
