extension PageScript {
    /// The post view (`/?post=ID&q=…`): structure from `blocks`, the search words marked, its
    /// tags, date, authors and categories as filters, the original, related posts, a way back.
    static let post = #"""
// The query's words, to mark in a post: operators, field names and excluded words left out.
function queryWords(q) {
  const words = [];
  let skip = false;
  for (const token of q.split(/\s+/)) {
    if (!token) continue;
    if (token === "NOT") { skip = true; continue; }
    if (skip || token.startsWith("-") || /^(AND|OR|NEAR|ADJ)(\/\d+)?$/.test(token)) { skip = false; continue; }
    for (const w of token.replace(/^[+(]*[\p{L}_]+:/u, "").match(/[\p{L}\p{N}]+\*?/gu) || []) words.push(w);
  }
  return words;
}
const fold = (w) => w.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
// A rough stem (English endings), so that "ministers" also marks "minister", "archives" "archive".
function stem(w) {
  for (let again = true; again;) {
    again = false;
    for (const end of ["ing", "ed", "es", "s"]) {
      if (w.length - end.length >= 4 && w.endsWith(end)) { w = w.slice(0, -end.length); again = true; break; }
    }
  }
  return w.length >= 5 && w.endsWith("e") ? w.slice(0, -1) : w;
}
function matcher(q) {
  const whole = new Set(), starts = [];
  for (const w of queryWords(q)) {
    if (w.endsWith("*")) starts.push(fold(w.slice(0, -1))); else whole.add(stem(fold(w)));
  }
  if (!whole.size && !starts.length) return null;
  return (word) => { const f = fold(word); return whole.has(stem(f)) || starts.some((p) => f.startsWith(p)); };
}
// Text as text nodes, with the words `match` accepts in <mark>s.
function markText(node, text, match) {
  if (!match) { node.append(text); return node; }
  let last = 0;
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    if (!match(m[0])) continue;
    if (m.index > last) node.append(text.slice(last, m.index));
    node.append(el("mark", { text: m[0] }));
    last = m.index + m[0].length;
  }
  if (last < text.length) node.append(text.slice(last));
  return node;
}

// The body as blocks ([kind, start, end] in UTF-16 units, as JavaScript slices); without them,
// paragraphs between blank lines. A post's headings sit one level below its title.
function postBody(post, match) {
  const box = el("div", { class: "post-body", id: "post-body" });
  const blocks = Array.isArray(post.blocks) ? post.blocks.filter((b) => Array.isArray(b) && b.length >= 3) : [];
  if (!blocks.length) {
    for (const para of post.body.split(/\n\s*\n/)) if (para.trim()) box.append(markText(el("p"), para.trim(), match));
    return box;
  }
  let list = null;
  for (const [kind, start, end] of blocks) {
    const text = post.body.slice(start, end);
    if (kind === "li") {
      if (!list) box.append(list = el("ul"));
      list.append(markText(el("li"), text, match));
      continue;
    }
    list = null;
    if (/^h[1-6]$/.test(kind)) box.append(markText(el("h" + Math.min(6, +kind[1] + 1)), text, match));
    else if (kind === "pre") box.append(el("pre", {}, markText(el("code"), text, match)));
    else if (kind === "blockquote") box.append(el("blockquote", {}, markText(el("p"), text, match)));
    else box.append(markText(el("p"), text, match));
  }
  return box;
}

async function showPost(s, how) {
  const run = begin();
  const view = $("post");
  const results = { ...s, post: "" };
  let post;
  try {
    post = await fetchJSON("/posts/" + encodeURIComponent(s.post), run.signal);
  } catch (e) {
    if (!run.current() || e.name === "AbortError") return;
    view.replaceChildren(backLink(results), el("p", { class: "error", id: "error", text: e.message }));
    return;
  }
  if (!run.current()) return;
  const match = matcher(s.q);
  const filter = (f, v, text) => link({ ...withoutFilters(results), q: "", [f]: [v] }, text || v);
  const meta = el("p", { class: "meta", id: "post-meta" });
  const add = (...nodes) => { if (meta.childNodes.length) meta.append(" · "); meta.append(...nodes); };
  if (post.date) add(link({ ...withoutFilters(results), q: "", from: post.date.slice(0, 7), to: post.date.slice(0, 7) }, day(post.date), { title: "Posts of that month" }));
  post.authors.forEach((a) => add(filter("author", a)));
  post.categories.forEach((c) => add(filter("category", c)));
  const children = [backLink(results), markText(el("h1", { id: "post-title", tabindex: "-1" }), post.title || "(untitled)", match), meta];
  if (post.tags.length) children.push(el("ul", { class: "tags", "aria-label": "Tags" }, ...post.tags.map((t) => el("li", {}, filter("tag", t, "#" + t)))));
  const original = safeURL(post.url);
  if (original) children.push(el("p", { class: "original" }, el("a", { href: original, id: "original", rel: "noopener", text: `Read the original on ${new URL(original).host} →` })));
  children.push(postBody(post, match));
  const fields = post.fields && typeof post.fields === "object" ? Object.entries(post.fields).filter(([, v]) => Array.isArray(v) && v.length) : [];
  if (fields.length) children.push(el("dl", { class: "fields" }, ...fields.flatMap(([k, v]) => [el("dt", { text: k }), el("dd", { text: v.join(", ") })])));
  const related = el("section", { class: "related", id: "related", "aria-labelledby": "related-title", hidden: "" });
  children.push(related);
  view.replaceChildren(...children);
  document.title = `${post.title || "(untitled)"} — ${SITE}`;
  window.scrollTo(0, 0);
  if (how.focus !== false) $("post-title").focus({ preventScroll: true });
  try {
    const similar = await fetchJSON("/posts/" + encodeURIComponent(post.id) + "/related?limit=5", run.signal);
    if (!run.current() || !similar.hits.length) return;
    const list = el("ul");
    for (const h of similar.hits) list.append(el("li", {}, link({ ...s, post: h.id }, h.title || "(untitled)"), el("span", { class: "meta", text: h.date ? " · " + day(h.date) : "" })));
    related.replaceChildren(el("h2", { id: "related-title", text: "Related posts" }), list);
    related.hidden = false;
  } catch (e) { /* no related posts: the section stays hidden */ }
}

// Back to the results this post was opened from: the browser's back when they are the previous
// page here (it keeps the scroll position), else the results' own URL (a shared link: never off the site).
function backLink(results) {
  const a = el("a", { href: href(results), class: "back", id: "back", text: "← Back to results" });
  a.addEventListener("click", (e) => {
    if (!plain(e)) return;
    e.preventDefault();
    if (history.state && history.state.fromResults) history.back(); else go(results);
  });
  return a;
}
"""#
}
