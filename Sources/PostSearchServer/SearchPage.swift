/// The search page served at `/`, shipped inside the binary: no CDN, no build step.
/// Edit the assets here; `SearchPage.assets` maps paths to them.
enum SearchPage {
    struct Asset: Sendable {
        let contentType: String
        let body: String
    }

    static let assets: [String: Asset] = [
        "/": Asset(contentType: "text/html; charset=utf-8", body: html),
        "/app.css": Asset(contentType: "text/css; charset=utf-8", body: css),
        "/app.js": Asset(contentType: "text/javascript; charset=utf-8", body: javascript),
    ]

    /// The page at `/`: a search box, filters and results, drawn by app.js.
    static let html = #"""
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>postsearch</title>
<link rel="stylesheet" href="/app.css">
</head>
<body>
<header>
  <a class="home" href="/">postsearch</a>
  <form id="search" role="search" action="/" method="get">
    <label for="q" class="hidden">Search posts</label>
    <input id="q" name="q" type="search" placeholder="Search posts" autocomplete="off" autofocus>
    <button type="submit">Search</button>
  </form>
</header>
<noscript><p class="notice">This search page needs JavaScript. Without it, the same search is
  available as JSON: <a href="/search?q=">/search?q=…</a> (see <a href="/openapi.json">/openapi.json</a>).</p></noscript>
<main>
  <aside id="filters" aria-label="Filters"></aside>
  <section id="results" aria-live="polite"></section>
</main>
<script src="/app.js" defer></script>
</body>
</html>
"""#

    /// The page's style: readable on a phone, visible keyboard focus.
    static let css = #"""
:root { --ink: #1d2330; --muted: #5b6475; --line: #dfe3ea; --accent: #2453a6; --mark: #ffe58a; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fafbfc; }
header { display: flex; gap: 1rem; align-items: center; padding: .75rem 1rem; background: #fff; border-bottom: 1px solid var(--line); }
.home { font-weight: 700; color: var(--ink); text-decoration: none; }
form#search { display: flex; flex: 1; max-width: 40rem; gap: .5rem; }
input[type=search] { flex: 1; padding: .5rem .75rem; font: inherit; border: 1px solid #b9c0cc; border-radius: .4rem; }
button { padding: .45rem .9rem; font: inherit; border: 1px solid var(--accent); background: var(--accent); color: #fff; border-radius: .4rem; cursor: pointer; }
button.link { background: none; border: none; color: var(--accent); padding: 0; text-decoration: underline; }
:focus-visible { outline: 3px solid #f0a500; outline-offset: 2px; }
main { display: flex; gap: 2rem; padding: 1rem; max-width: 72rem; margin: 0 auto; }
aside { flex: 0 0 15rem; }
#results { flex: 1; min-width: 0; }
fieldset { border: none; margin: 0 0 1.25rem; padding: 0; }
legend { font-weight: 600; margin-bottom: .25rem; text-transform: capitalize; }
fieldset label { display: flex; gap: .4rem; align-items: baseline; padding: .1rem 0; cursor: pointer; }
.count { color: var(--muted); font-size: .85em; margin-left: auto; }
.dates input { width: 100%; margin: .15rem 0; font: inherit; padding: .25rem; }
.years button { margin: 0 .3rem .3rem 0; background: #fff; color: var(--ink); border-color: var(--line); padding: .15rem .5rem; }
.years button[aria-pressed=true] { background: var(--accent); color: #fff; }
.summary { color: var(--muted); margin: 0 0 1rem; }
.suggestion a { font-weight: 600; }
article { padding: .9rem 0; border-bottom: 1px solid var(--line); }
article h2 { font-size: 1.15rem; margin: 0 0 .2rem; }
article h2 a { color: var(--accent); text-decoration: none; }
article h2 a:hover { text-decoration: underline; }
.meta { color: var(--muted); font-size: .9em; margin: 0 0 .3rem; }
.snippet { margin: 0; }
mark { background: var(--mark); color: inherit; padding: 0 .1em; border-radius: .15em; }
nav.pages { display: flex; justify-content: space-between; margin: 1rem 0; }
.post-body p { margin: 0 0 1em; }
.notice { background: #fff3cd; padding: .75rem 1rem; margin: 0; }
.error { color: #a40000; }
.hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
@media (max-width: 48rem) {
  main { flex-direction: column; gap: .5rem; }
  aside { flex: none; }
  header { flex-wrap: wrap; }
}
"""#

    /// The page's script: URL state, calls to /search, DOM-only rendering.
    static let javascript = #"""
// postsearch search page: reads its state from the URL, asks /search (the same JSON API programs
// use) and draws the answer with DOM calls only, so text from the index is never parsed as HTML.
"use strict";
const LIST_FACETS = ["category", "author", "tag"];
const PAGE = 10;
const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "text") node.textContent = v; else if (k.startsWith("on")) node.addEventListener(k.slice(2), v); else node.setAttribute(k, v);
  }
  for (const child of children) if (child != null) node.append(child);
  return node;
}

function state() {
  const p = new URLSearchParams(location.search);
  const s = { q: p.get("q") || "", from: p.get("from") || "", to: p.get("to") || "", offset: Math.max(0, parseInt(p.get("offset") || "0", 10) || 0), post: p.get("post") };
  for (const f of LIST_FACETS) s[f] = p.getAll(f);
  return s;
}

function query(s) {
  const p = new URLSearchParams();
  if (s.q) p.set("q", s.q);
  for (const f of LIST_FACETS) for (const v of s[f]) p.append(f, v);
  if (s.from) p.set("from", s.from);
  if (s.to) p.set("to", s.to);
  if (s.offset) p.set("offset", s.offset);
  return p;
}

function go(s) {
  history.pushState(null, "", "/?" + query(s).toString());
  render();
}

// Snippets are escaped HTML with <mark> around matches: rebuild them as text nodes and <mark>s.
function snippet(html) {
  const p = el("p", { class: "snippet" });
  const decode = (t) => t.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, "\"").replace(/&#39;/g, "'").replace(/&amp;/g, "&");
  let marked = false;
  for (const part of html.split(/(<mark>|<\/mark>)/)) {
    if (part === "<mark>") marked = true; else if (part === "</mark>") marked = false;
    else if (part) p.append(marked ? el("mark", { text: decode(part) }) : document.createTextNode(decode(part)));
  }
  return p;
}

function listFacet(name, values, s) {
  const box = el("fieldset", {}, el("legend", { text: name === "category" ? "categories" : name + "s" }));
  for (const v of values) {
    const input = el("input", { type: "checkbox", name, value: v.value });
    input.checked = v.selected;
    input.addEventListener("change", () => {
      const next = state();
      next[name] = input.checked ? [...next[name], v.value] : next[name].filter((x) => x !== v.value);
      next.offset = 0;
      go(next);
    });
    box.append(el("label", {}, input, el("span", { text: v.value }), el("span", { class: "count", text: String(v.count) })));
  }
  return box;
}

function dateFacet(years, months, s) {
  const box = el("fieldset", { class: "dates" }, el("legend", { text: "dates" }));
  const list = el("div", { class: "years" });
  for (const y of years) {
    if (y.value === "unknown") continue;
    const button = el("button", { type: "button", "aria-pressed": String(y.selected), text: `${y.value} (${y.count})` });
    button.addEventListener("click", () => go({ ...state(), from: y.selected ? "" : y.value, to: y.selected ? "" : y.value, offset: 0 }));
    list.append(button);
  }
  box.append(list);
  const picked = years.filter((y) => y.selected);
  if (picked.length === 1) {
    const monthList = el("div", { class: "years" });
    for (const m of months.filter((m) => m.value.startsWith(picked[0].value + "-"))) {
      const button = el("button", { type: "button", "aria-pressed": String(s.from === m.value && s.to === m.value), text: `${m.value.slice(5)} (${m.count})` });
      button.addEventListener("click", () => go({ ...state(), from: m.value, to: m.value, offset: 0 }));
      monthList.append(button);
    }
    box.append(monthList);
  }
  const from = el("input", { type: "date", "aria-label": "From date", value: s.from.length === 10 ? s.from : "" });
  const to = el("input", { type: "date", "aria-label": "To date", value: s.to.length === 10 ? s.to : "" });
  const apply = el("button", { type: "button", text: "Apply dates" });
  apply.addEventListener("click", () => go({ ...state(), from: from.value, to: to.value, offset: 0 }));
  box.append(el("label", { text: "From" }), from, el("label", { text: "To" }), to, apply);
  return box;
}

function hit(h) {
  const href = h.url || "/?" + new URLSearchParams({ post: h.id }).toString();
  const meta = [h.date ? h.date.slice(0, 10) : null, h.authors.join(", ") || null, h.categories.join(", ") || null].filter(Boolean).join(" · ");
  return el("article", {}, el("h2", {}, el("a", { href, text: h.title || "(untitled)" })), el("p", { class: "meta", text: meta }), snippet(h.snippet));
}

async function showPost(id) {
  const results = $("results");
  $("filters").replaceChildren();
  const response = await fetch("/posts/" + encodeURIComponent(id));
  const body = await response.json();
  if (!response.ok) { results.replaceChildren(el("p", { class: "error", text: body.error.message })); return; }
  const back = el("a", { href: "javascript:history.back()", text: "← Back to results" });
  const text = el("div", { class: "post-body" });
  for (const para of body.body.split(/\n\s*\n/)) text.append(el("p", { text: para }));
  const meta = [body.date ? body.date.slice(0, 10) : null, body.authors.join(", ") || null, body.categories.join(", ") || null].filter(Boolean).join(" · ");
  results.replaceChildren(back, el("h1", { text: body.title || "(untitled)" }), el("p", { class: "meta", text: meta }), text);
}

async function render() {
  const s = state();
  $("q").value = s.q;
  if (s.post) return showPost(s.post);
  const p = query(s);
  p.set("facets", "category,author,tag,year,month");
  p.set("limit", PAGE);
  const started = performance.now();
  const results = $("results");
  let body;
  try {
    const response = await fetch("/search?" + p.toString());
    body = await response.json();
    if (!response.ok) { results.replaceChildren(el("p", { class: "error", text: body.error.message })); return; }
  } catch (e) {
    results.replaceChildren(el("p", { class: "error", text: "The search service did not answer." }));
    return;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(3);
  const shown = body.hits.length ? ` — ${s.offset + 1}–${s.offset + body.hits.length}` : "";
  const children = [el("p", { class: "summary", id: "summary", text: `${body.total} ${body.total === 1 ? "post" : "posts"}${shown} (${seconds} s)` })];
  if (body.suggestion) {
    const link = el("a", { href: "/?" + new URLSearchParams({ q: body.suggestion }).toString(), id: "suggestion", text: body.suggestion });
    link.addEventListener("click", (e) => { e.preventDefault(); go({ ...state(), q: body.suggestion, offset: 0 }); });
    children.push(el("p", { class: "suggestion" }, "Did you mean ", link, "?"));
  }
  for (const h of body.hits) children.push(hit(h));
  const nav = el("nav", { class: "pages", "aria-label": "Pages" });
  if (s.offset > 0) nav.append(el("button", { type: "button", class: "link", id: "previous", text: "← Previous", onclick: () => go({ ...state(), offset: Math.max(0, s.offset - PAGE) }) }));
  else nav.append(el("span"));
  if (s.offset + PAGE < body.total) nav.append(el("button", { type: "button", class: "link", id: "next", text: "Next →", onclick: () => go({ ...state(), offset: s.offset + PAGE }) }));
  children.push(nav);
  results.replaceChildren(...children);
  const filters = LIST_FACETS.filter((f) => body.facets[f] && body.facets[f].length).map((f) => listFacet(f, body.facets[f], s));
  filters.push(dateFacet(body.facets.year || [], body.facets.month || [], s));
  $("filters").replaceChildren(...filters);
}

$("search").addEventListener("submit", (e) => {
  e.preventDefault();
  go({ ...state(), q: $("q").value.trim(), offset: 0, post: null });
});
window.addEventListener("popstate", render);
render();
"""#
}
