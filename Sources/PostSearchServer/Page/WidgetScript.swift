/// widget.js: postsearch's search box for another site's pages (README, "Embedding"):
///
///     <div data-postsearch></div>
///     <script src="https://search.example.org/widget.js" async></script>
///
/// Results show as the reader types; Enter opens the full search page. Everything lives in one
/// closure and a shadow root: the host page gains one global (`PostSearchWidget`) and no styles;
/// the box inherits the host's font. Index text is only ever set as text. The server must allow
/// the host's origin (`serve --cors-origin`).
enum WidgetScript {
    /// One closure: the shared marks code, then the widget.
    static let javascript = ["(function () {\n  \"use strict\";", PageScript.marks, widget].joined(separator: "\n")

    private static let widget = #"""
  var script = document.currentScript;
  var base = new URL(".", script && script.src ? script.src : location.href).href;
  var CSS = ":host{display:block;font:inherit;color:inherit;position:relative}" +
    ".box{display:flex;gap:.4em}input{flex:1;min-width:0;font:inherit;padding:.4em .6em;border:1px solid #b9c0cc;border-radius:.35em}" +
    "button{font:inherit;padding:.4em .8em;border-radius:.35em;border:1px solid var(--postsearch-accent,#2453a6);background:var(--postsearch-accent,#2453a6);color:#fff;cursor:pointer}" +
    ".hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}" +
    "ul{list-style:none;margin:.5em 0 0;padding:0}li{padding:.45em 0;border-bottom:1px solid rgba(127,127,127,.25)}" +
    "a{color:var(--postsearch-accent,#2453a6)}li a{font-weight:600;text-decoration:none}li a:hover{text-decoration:underline}" +
    "p{margin:.15em 0 0;font-size:.9em}.meta,.status{opacity:.75;font-size:.85em}mark{background:var(--postsearch-mark,#ffe58a);color:inherit}" +
    ":focus-visible{outline:3px solid #f0a500;outline-offset:2px}";
  var mounted = new WeakSet();
  var count = 0;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { if (k === "text") node.textContent = attrs[k]; else node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { if (c != null) node.append(c); });
    return node;
  }
  function page(params) { return base + "?" + new URLSearchParams(params).toString(); }

  function mount(target, options) {
    if (!target || mounted.has(target)) return;
    mounted.add(target);
    options = options || {};
    var limit = Math.min(20, Math.max(1, parseInt(options.limit || target.getAttribute("data-limit") || "5", 10) || 5));
    var root = target.attachShadow ? target.attachShadow({ mode: "open" }) : target;
    if (root.adoptedStyleSheets && typeof CSSStyleSheet === "function" && "replaceSync" in CSSStyleSheet.prototype) {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      root.adoptedStyleSheets = [sheet];
    } else {
      root.append(el("style", { text: CSS }));
    }
    var id = "postsearch-q-" + (++count);
    var input = el("input", { id: id, name: "q", type: "search", autocomplete: "off", placeholder: options.placeholder || target.getAttribute("data-placeholder") || "Search" });
    var form = el("form", { class: "box", role: "search", action: base, method: "get" }, [
      el("label", { for: id, class: "hidden", text: options.label || target.getAttribute("data-label") || "Search this site" }), input,
      el("button", { type: "submit", text: "Search" })]);
    var status = el("p", { class: "status", role: "status" });
    var list = el("ul", { class: "results" });
    var more = el("p", { class: "more" });
    root.append(form, status, list, more);

    var timer = 0, ticket = 0, inflight = null;
    function clear() { list.replaceChildren(); more.replaceChildren(); status.textContent = ""; }
    function show(q, body) {
      status.textContent = body.total ? body.total + (body.total === 1 ? " post" : " posts") : "No posts match “" + q + "”.";
      list.replaceChildren.apply(list, body.hits.map(function (h) {
        var href = /^https?:\/\//i.test(h.url || "") ? h.url : page({ post: h.id, q: q });
        var a = el("a", { href: href });
        if (h.title_html) marked(a, h.title_html); else a.textContent = h.title || "(untitled)";
        return el("li", {}, [a, h.date ? el("span", { class: "meta", text: " · " + h.date.slice(0, 10) }) : null, marked(el("p"), h.snippet)]);
      }));
      more.replaceChildren(el("a", { href: page({ q: q }), text: body.total > body.hits.length ? "All " + body.total + " results →" : "Open the search page →" }));
    }
    // 150 ms after the last key; a newer search aborts the older, whose answer is then dropped.
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var q = input.value.trim();
        var mine = ++ticket;
        if (inflight) inflight.abort();
        if (!q) { clear(); return; }
        inflight = new AbortController();
        fetch(base + "search?" + new URLSearchParams({ q: q, limit: String(limit), prefix: "true" }).toString(), { signal: inflight.signal })
          .then(function (r) { return r.json().then(function (body) { if (!r.ok) throw new Error(body.error ? body.error.message : r.statusText); return body; }); })
          .then(function (body) { if (mine === ticket) show(q, body); })
          .catch(function (e) {
            if (mine !== ticket || e.name === "AbortError") return;
            list.replaceChildren();
            status.textContent = e instanceof TypeError ? "Search is not available on this page." : e.message;
          });
      }, 150);
    });
    // Arrow keys move between the box and the results; Escape empties the box.
    root.addEventListener("keydown", function (e) {
      var links = [input].concat(Array.prototype.slice.call(list.querySelectorAll("li > a")));
      var at = links.indexOf(root.activeElement || document.activeElement);
      if (e.key === "ArrowDown" && at >= 0 && at < links.length - 1) { e.preventDefault(); links[at + 1].focus(); }
      else if (e.key === "ArrowUp" && at > 0) { e.preventDefault(); links[at - 1].focus(); }
      else if (e.key === "Escape") { input.value = ""; clear(); input.focus(); }
    });
  }

  function mountAll() { Array.prototype.forEach.call(document.querySelectorAll("[data-postsearch]"), function (t) { mount(t); }); }
  window.PostSearchWidget = { mount: mount, base: base };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll); else mountAll();
})();
"""#
}
