extension PageScript {
    /// The filters column (a drawer on phones): facet checkboxes, years and months, a date range.
    static let filters = #"""
function drawFilters(s, body, year, months) {
  // Redrawing replaces the controls: keep the keyboard on the one the reader was using.
  const focused = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.key : null;
  const parts = [];
  for (const f of ["category", "author", "tag"]) {
    if ((body.facets[f] || []).length || s[f].length) parts.push(listFacet(f, body.facets[f] || [], s));
  }
  const languages = (body.facets.language || []).filter((v) => v.value !== "unknown");
  if (languages.length > 1 || s.language.length) parts.push(listFacet("language", languages, s));
  parts.push(dateFacet(body.facets.year || [], year, months, s));
  $("facets").replaceChildren(...parts);
  const active = LISTS.reduce((n, f) => n + s[f].length, 0) + (s.from || s.to ? 1 : 0);
  $("filter-count").textContent = active ? ` (${active})` : "";
  $("close-filters").textContent = `Show ${body.total} ${body.total === 1 ? "post" : "posts"}`;
  if (focused) {
    const again = [...$("facets").querySelectorAll("[data-key]")].find((n) => n.dataset.key === focused);
    if (again) again.focus();
  }
}

function listFacet(name, values, s) {
  const box = el("fieldset", { class: "facet", id: "facet-" + name }, el("legend", { text: name === "category" ? "Categories" : LIST_NAMES[name] + "s" }));
  const shown = values.filter((v) => v.value.trim());
  // A chosen value stays listed even when the answer no longer counts it.
  for (const v of s[name]) if (!shown.some((x) => x.value === v)) shown.push({ value: v, count: 0, selected: true });
  for (const v of shown) {
    const input = el("input", { type: "checkbox", name, value: v.value, "data-key": name + ":" + v.value });
    input.checked = v.selected || s[name].includes(v.value);
    input.addEventListener("change", () => {
      const next = state();
      next[name] = input.checked ? [...next[name], v.value] : next[name].filter((x) => x !== v.value);
      go({ ...next, offset: 0 });
    });
    box.append(el("label", {}, input, el("span", { text: name === "language" ? languageLabel(v.value) : v.value }), el("span", { class: "count", text: String(v.count) })));
  }
  return box;
}

function toggle(label, count, pressed, key, onclick, aria) {
  return el("button", { type: "button", "aria-pressed": String(pressed), "data-key": key, "aria-label": aria, onclick }, label, el("span", { class: "count", text: String(count) }));
}

// Years newest first; the months of a chosen year in calendar order, by name; a from/to range.
function dateFacet(years, year, months, s) {
  const box = el("fieldset", { class: "dates", id: "facet-date" }, el("legend", { text: "Dates" }));
  const yearList = el("div", { class: "buttons years", role: "group", "aria-label": "Years" });
  for (const y of years) {
    if (y.value === "unknown") continue;
    const pressed = year === y.value;
    yearList.append(toggle(y.value, y.count, pressed, "year:" + y.value,
      () => go({ ...state(), from: pressed ? "" : y.value, to: pressed ? "" : y.value, offset: 0 }), `${y.value}, ${y.count} ${y.count === 1 ? "post" : "posts"}`));
  }
  box.append(yearList);
  if (year) {
    const monthList = el("div", { class: "buttons months", role: "group", "aria-label": `Months of ${year}` });
    const own = months.filter((m) => m.value.startsWith(year + "-")).sort((a, b) => a.value.localeCompare(b.value));
    for (const m of own) {
      const pressed = s.from === m.value && s.to === m.value;
      const name = MONTHS[+m.value.slice(5) - 1] || m.value;
      monthList.append(toggle(name.slice(0, 3), m.count, pressed, "month:" + m.value,
        () => go({ ...state(), from: pressed ? year : m.value, to: pressed ? year : m.value, offset: 0 }), `${name} ${year}, ${m.count} ${m.count === 1 ? "post" : "posts"}`));
    }
    if (own.length) box.append(monthList);
  }
  const from = el("input", { type: "date", id: "from", value: /^\d{4}-\d{2}-\d{2}$/.test(s.from) ? s.from : null });
  const to = el("input", { type: "date", id: "to", value: /^\d{4}-\d{2}-\d{2}$/.test(s.to) ? s.to : null });
  const apply = el("button", { type: "button", id: "apply-dates", text: "Apply dates" });
  apply.addEventListener("click", () => go({ ...state(), from: from.value, to: to.value, offset: 0 }));
  box.append(el("div", { class: "range" }, el("label", { for: "from", text: "From" }), from, el("label", { for: "to", text: "To" }), to, apply));
  return box;
}

// Phones: the filters are a drawer over the results, opened by "Filter", closed by "Show N posts",
// Escape or a tap beside it; the focus goes in and comes back to the button, and what lies
// behind the drawer is inert meanwhile.
function openFilters(open, refocus = true) {
  document.body.classList.toggle("filters-open", open);
  $("filter-button").setAttribute("aria-expanded", String(open));
  $("backdrop").hidden = !open;
  for (const behind of [$("results"), document.querySelector("header")]) behind.inert = open;
  if (refocus) (open ? $("filters") : $("filter-button")).focus();
}
matchMedia("(max-width: 48rem)").addEventListener("change", (e) => { if (!e.matches) openFilters(false, false); });
$("filter-button").addEventListener("click", () => openFilters(!document.body.classList.contains("filters-open")));
$("close-filters").addEventListener("click", () => openFilters(false));
$("backdrop").addEventListener("click", () => openFilters(false));
document.addEventListener("keydown", (e) => {
  if (e.key === "Escape" && document.body.classList.contains("filters-open")) openFilters(false);
});
"""#
}
