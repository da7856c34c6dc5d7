extension PageScript {
    /// The results column: summary, corrections, chips, hits, the empty state, page numbers.
    static let results = #"""
async function render(how = {}) {
  const s = state();
  if (!how.typing) $("q").value = s.q;
  $("sort").value = s.sort || "relevance";
  const feed = params({ ...s, offset: 0 }, false).toString();
  $("feed").href = $("feed-link").href = "/search.atom" + (feed ? "?" + feed : "");
  document.body.classList.toggle("reading", Boolean(s.post));
  $("post").hidden = !s.post;
  if (s.post) {
    if (document.body.classList.contains("filters-open")) openFilters(false, false);
    return showPost(s, how);
  }
  const run = begin();
  const api = params(s, false);
  api.set("facets", "category,author,tag,year,language");
  api.set("limit", PAGE);
  if (how.typing) api.set("prefix", "true");
  // The months of one year, in full (the main request lists 10 values a facet).
  const year = s.from.slice(0, 4);
  const oneYear = /^\d{4}$/.test(year) && s.to.slice(0, 4) === year;
  const months = new URLSearchParams(api);
  ["offset", "sort"].forEach((k) => months.delete(k));
  months.set("facets", "month");
  months.set("facet_limit", "0");
  months.set("limit", "0");
  const started = performance.now();
  let body, monthBody;
  try {
    [body, monthBody] = await Promise.all([fetchJSON("/search?" + api, run.signal), oneYear ? fetchJSON("/search?" + months, run.signal) : null]);
  } catch (e) {
    if (!run.current() || e.name === "AbortError") return;
    $("summary").textContent = "";
    $("hits").replaceChildren(el("p", { class: "error", id: "error", text: e instanceof TypeError ? "The search service did not answer." : e.message }));
    $("pages").replaceChildren();
    return;
  }
  if (!run.current()) return;
  const seconds = ((performance.now() - started) / 1000).toFixed(3);
  draw(s, body, oneYear ? year : null, monthBody ? monthBody.facets.month || [] : [], seconds);
  if (how.scroll) {
    $("results").scrollIntoView({ block: "start" });
    $("summary").focus({ preventScroll: true });
  } else if (typeof how.focus === "string") {
    $(how.focus).focus({ preventScroll: true });
  }
}

function draw(s, body, year, months, seconds) {
  const shown = body.hits.length ? ` — ${s.offset + 1}–${s.offset + body.hits.length}` : "";
  $("summary").textContent = `${body.total} ${body.total === 1 ? "post" : "posts"}${shown} (${seconds} s)`;
  document.title = s.q.trim() ? `${s.q.trim()} — ${SITE}` : SITE;
  $("chips").replaceChildren(...[chips(s)].filter(Boolean));
  $("notes").replaceChildren(...notes(s, body));
  $("hits").replaceChildren(...(body.hits.length ? body.hits.map((h) => hit(h, s)) : [empty(s)]));
  pages(s, body.total);
  drawFilters(s, body, year, months);
}

// "Showing results for …" when the server corrected the query; else "Did you mean …?".
function notes(s, body) {
  const out = [];
  if (body.corrected_query) {
    const instead = link({ ...s, autocorrect: false, offset: 0 }, s.q, { id: "search-instead" });
    out.push(el("p", { class: "correction", id: "correction" }, "Showing results for ", el("strong", { text: body.corrected_query }),
      ". ", el("span", {}, "Search instead for ", instead), "."));
  } else if (body.suggestion) {
    out.push(el("p", { class: "suggestion" }, "Did you mean ", link({ ...s, q: body.suggestion, offset: 0, autocorrect: true }, body.suggestion, { id: "suggestion" }), "?"));
  }
  return out;
}

// The active filters as removable chips, and "Clear all".
function chips(s) {
  const list = el("ul", { class: "chips", id: "chip-list", "aria-label": "Active filters" });
  const chip = (label, next) => list.append(el("li", {}, el("button", { type: "button", class: "chip", "aria-label": `Remove ${label}`,
    onclick: () => go({ ...next, offset: 0 }, { focus: "summary" }) }, label, el("span", { "aria-hidden": "true", text: " ×" }))));
  for (const f of LISTS) for (const v of s[f]) chip(`${LIST_NAMES[f]}: ${f === "language" ? languageLabel(v) : v}`, { ...s, [f]: s[f].filter((x) => x !== v) });
  if (s.from || s.to) chip(`Date: ${rangeLabel(s.from, s.to)}`, { ...s, from: "", to: "" });
  if (!list.children.length) return null;
  list.append(el("li", {}, el("button", { type: "button", class: "link", id: "clear-all", text: "Clear all",
    onclick: () => go(withoutFilters(s), { focus: "summary" }) })));
  return list;
}

function hit(h, s) {
  const original = safeURL(h.url);
  const view = { ...s, post: h.id };
  const title = original ? el("a", { href: original }) : link(view, "", {}, { state: { fromResults: true } });
  if (h.title_html) marked(title, h.title_html); else title.textContent = h.title || "(untitled)";
  const meta = el("p", { class: "meta" });
  const parts = [day(h.date), h.authors.join(", "), h.categories.join(", ")].filter(Boolean);
  meta.append(parts.join(" · "));
  // A post with an original elsewhere can still be read here, with its words marked and related posts.
  if (original) meta.append(parts.length ? " · " : "", link(view, "Read here", { class: "read-here" }, { state: { fromResults: true } }));
  const item = el("article", { class: "hit" }, el("h2", {}, title), meta, marked(el("p", { class: "snippet" }), h.snippet));
  if (h.tags.length) {
    const tags = el("ul", { class: "tags", "aria-label": "Tags" });
    for (const t of h.tags) tags.append(el("li", {}, link({ ...s, tag: [...new Set([...s.tag, t])], offset: 0 }, "#" + t, { class: "tag" })));
    item.append(tags);
  }
  return item;
}

// Nothing found: say so, offer to drop the filters (with what that would find) and give tips.
function empty(s) {
  const box = el("div", { class: "empty", id: "empty" });
  box.append(el("h2", { text: s.q.trim() ? `No posts match “${s.q.trim()}”` : "No posts match these filters" }));
  if (hasFilters(s)) {
    const line = el("p", {}, el("button", { type: "button", id: "remove-filters", text: "Remove filters",
      onclick: () => go(withoutFilters(s), { focus: "summary" }) }));
    box.append(line);
    const p = params(withoutFilters(s), false);
    p.set("limit", "0");
    fetchJSON("/search?" + p).then((b) => { if (b.total) line.append(` (${b.total} ${b.total === 1 ? "post" : "posts"} without them)`); }, () => {});
  }
  box.append(el("p", { text: "Tips:" }), el("ul", {},
    el("li", { text: "Check the spelling, or use fewer words." }),
    el("li", { text: "Try a more general word, or the start of a word with * (migra* finds migration and migrants)." }),
    el("li", { text: "Put words in quotes to find them together: \"western balkans\"." })));
  return box;
}

// Previous, the page numbers around this one (with the first and last), Next.
function pages(s, total) {
  const nav = $("pages");
  const count = Math.ceil(total / PAGE);
  const current = Math.floor(s.offset / PAGE) + 1;
  if (count <= 1 && s.offset === 0) { nav.replaceChildren(); return; }
  const to = (n) => ({ ...s, offset: (n - 1) * PAGE });
  const items = [];
  if (current > 1) items.push(link(to(current - 1), "← Previous", { id: "previous", rel: "prev" }, { scroll: true }));
  let last = 0;
  for (let n = 1; n <= count; n++) {
    if (n !== 1 && n !== count && Math.abs(n - current) > 2) continue;
    if (n - last > 1) items.push(el("span", { "aria-hidden": "true", text: "…" }));
    items.push(n === current ? el("span", { "aria-current": "page", text: String(n) })
      : link(to(n), String(n), { "aria-label": `Page ${n}`, class: "page" }, { scroll: true }));
    last = n;
  }
  if (current < count) items.push(link(to(current + 1), "Next →", { id: "next", rel: "next" }, { scroll: true }));
  nav.replaceChildren(...items);
}
"""#
}
