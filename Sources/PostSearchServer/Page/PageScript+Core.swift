extension PageScript {
    /// State in the URL, DOM building, snippets, labels, and the one search at a time.
    static let core = #"""
// postsearch search page: reads its state from the URL, asks /search (the same JSON API programs
// use) and draws the answer with DOM calls only, so text from the index is never parsed as HTML.
"use strict";
const LISTS = ["category", "author", "tag", "language"];
const LIST_NAMES = { category: "Category", author: "Author", tag: "Tag", language: "Language" };
const PAGE = 10;
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const $ = (id) => document.getElementById(id);
const SITE = $("home").textContent;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null) continue;
    if (k === "text") node.textContent = v; else if (k.startsWith("on")) node.addEventListener(k.slice(2), v); else node.setAttribute(k, v);
  }
  for (const child of children) if (child != null) node.append(child);
  return node;
}

// Everything the page shows is in its URL: /?q=…&category=…&from=…&sort=…&offset=…&post=…
// Empty values are no filter: they are dropped here and never sent.
function state(search = location.search) {
  const p = new URLSearchParams(search);
  const one = (k) => (p.get(k) || "").trim();
  const s = { q: p.get("q") || "", from: one("from"), to: one("to"), sort: ["newest", "oldest"].includes(one("sort")) ? one("sort") : "",
    offset: Math.max(0, parseInt(one("offset"), 10) || 0), post: p.get("post") || "", autocorrect: one("autocorrect") !== "false" };
  for (const f of LISTS) s[f] = [...new Set(p.getAll(f).filter((v) => v.trim()))];
  return s;
}

function params(s, withPost = true) {
  const p = new URLSearchParams();
  if (s.q.trim()) p.set("q", s.q);
  for (const f of LISTS) for (const v of s[f]) if (v.trim()) p.append(f, v);
  if (s.from) p.set("from", s.from);
  if (s.to) p.set("to", s.to);
  if (s.sort) p.set("sort", s.sort);
  if (s.offset) p.set("offset", s.offset);
  if (!s.autocorrect) p.set("autocorrect", "false");
  if (withPost && s.post) p.set("post", s.post);
  return p;
}

function href(s) {
  const p = params(s).toString();
  return "/" + (p ? "?" + p : "");
}

const hasFilters = (s) => LISTS.some((f) => s[f].length) || Boolean(s.from || s.to);
const withoutFilters = (s) => ({ ...s, category: [], author: [], tag: [], language: [], from: "", to: "", offset: 0 });
// A plain click (not one meant to open a new tab).
const plain = (e) => e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !e.altKey;

let typedBurst = false;
function go(s, how = {}) {
  history[how.replace ? "replaceState" : "pushState"](how.state || null, "", href(s));
  typedBurst = false;
  return render(how);
}

// A link to another state of the page that moves there without reloading.
function link(s, text, attrs = {}, how = {}) {
  const a = el("a", { href: href(s), ...attrs, text });
  a.addEventListener("click", (e) => { if (plain(e)) { e.preventDefault(); go(s, how); } });
  return a;
}

// Only web addresses become links (a javascript: URL from an archive must not run).
const safeURL = (u) => (typeof u === "string" && /^https?:\/\//i.test(u) ? u : null);

function dateLabel(v) {
  const m = /^(\d{4})-(\d{2})$/.exec(v);
  return m && MONTHS[+m[2] - 1] ? `${MONTHS[+m[2] - 1]} ${m[1]}` : v;
}
function rangeLabel(from, to) {
  if (from && from === to) return dateLabel(from);
  if (from && to) return `${dateLabel(from)} – ${dateLabel(to)}`;
  return from ? `from ${dateLabel(from)}` : `until ${dateLabel(to)}`;
}
const languageNames = (() => { try { return new Intl.DisplayNames(["en"], { type: "language" }); } catch (e) { return null; } })();
function languageLabel(code) {
  try {
    const name = languageNames && languageNames.of(code);
    return name && name !== code ? `${name} (${code})` : code;
  } catch (e) { return code; }
}
const day = (date) => (date ? date.slice(0, 10) : "");

// One search at a time: a newer one aborts the older, and an answer that arrives after a newer
// search started is dropped.
let ticket = 0;
let inflight = null;
function begin() {
  if (inflight) inflight.abort();
  inflight = new AbortController();
  return { id: ++ticket, signal: inflight.signal, current() { return this.id === ticket; } };
}
async function fetchJSON(url, signal) {
  const response = await fetch(url, { signal });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error ? body.error.message : response.statusText);
  return body;
}
"""#
}
