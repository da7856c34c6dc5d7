/// The page's document: a search form, a results column and a filters column (a drawer on
/// phones), and a post view; app.js fills them in.
enum PageHTML {
    /// The document for a site named `title` (HTML-escaped here: it comes from the command line).
    static func document(title: String) -> String {
        template.replacingOccurrences(of: "{{TITLE}}", with: escape(title))
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    static let template = #"""
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{TITLE}}</title>
<link rel="icon" href="/favicon.ico">
<link rel="stylesheet" href="/app.css">
<link rel="alternate" type="application/atom+xml" title="{{TITLE}}: this search" href="/search.atom" id="feed-link">
<link rel="search" type="application/opensearchdescription+xml" title="{{TITLE}}" href="/opensearch.xml">
</head>
<body>
<a class="skip" href="#results">Skip to results</a>
<header>
  <a class="home" id="home" href="/">{{TITLE}}</a>
  <form id="search" role="search" action="/" method="get">
    <label for="q" class="hidden">Search posts</label>
    <input id="q" name="q" type="search" placeholder="Search posts" autocomplete="off" spellcheck="false" enterkeyhint="search">
    <button type="submit">Search</button>
  </form>
</header>
<noscript><p class="notice">This search page needs JavaScript. Without it, the same search is
  available as JSON: <a href="/search?q=">/search?q=…</a> (see <a href="/openapi.json">/openapi.json</a>).</p></noscript>
<main>
  <aside id="filters" aria-labelledby="filters-title" tabindex="-1">
    <div class="drawer-head">
      <h2 id="filters-title">Filters</h2>
      <button type="button" id="close-filters">Done</button>
    </div>
    <div id="facets"></div>
  </aside>
  <section id="results" aria-label="Results" tabindex="-1">
    <div class="toolbar">
      <p id="summary" class="summary" role="status" tabindex="-1"></p>
      <div class="controls">
        <label for="sort">Sort</label>
        <select id="sort">
          <option value="relevance">Best match</option>
          <option value="newest">Newest first</option>
          <option value="oldest">Oldest first</option>
        </select>
        <button type="button" id="filter-button" aria-controls="filters" aria-expanded="false">Filter<span id="filter-count"></span></button>
      </div>
    </div>
    <div id="chips"></div>
    <div id="notes"></div>
    <div id="hits"></div>
    <nav id="pages" aria-label="Pages"></nav>
    <p class="feed"><a id="feed" href="/search.atom">Atom feed of this search</a></p>
  </section>
  <article id="post" hidden tabindex="-1"></article>
</main>
<div id="backdrop" hidden></div>
<script src="/app.js" defer></script>
</body>
</html>
"""#
}
