import Foundation

/// Reads web pages (`.html`, `.htm`): a built static site (Hugo, Jekyll, Eleventy), a
/// `wget --mirror` of a blog, pages fetched from a sitemap. libxml2 parses the page
/// (`HTMLDocument`); `HTMLPage` gathers what it says about itself.
///
/// - title: `og:title`, JSON-LD `headline`, `<title>`, the first `<h1>`;
/// - date: `article:published_time` (and the usual other date metas), JSON-LD `datePublished`,
///   `<time datetime>` (one marked as the publication date first);
/// - authors: meta `author`, JSON-LD `author`, else the visible bylines of the article
///   (`rel=author`, `class=author`, `itemprop=author`; the marked name inside when there is one);
/// - categories: `article:section`, JSON-LD `articleSection`, links to `/category/…` pages;
///   tags: `article:tag`, JSON-LD `keywords`, `rel=tag` links and links to `/tags/…` pages;
/// - id and URL: the canonical link (else `og:url`, else `--base-url` plus the file's path, else
///   the path); language: `<html lang>`; excerpt: the meta description; image: `og:image`;
/// - body: the text of `<main>`, else `<article>`, else `<body>`, without navigation, headers,
///   footers, asides, scripts, forms and share, comment, related-posts and tag boxes.
///
/// Not posts: redirect stubs (`<meta http-equiv="refresh">`), pages without a publication date
/// (listings, tag and index pages), and paginated lists of articles.
public enum HTMLImporter {
    public static let fileExtensions: Set<String> = ["html", "htm"]
    public typealias Outcome = MarkdownImporter.Outcome

    /// `id` is the page's path relative to the folder or archive it was found in; `url` the
    /// address it was fetched from, if it was.
    public static func parse(_ data: Data, id: String, file: String, url: String? = nil,
                             options: ImportOptions) throws(ImportFailure) -> Outcome {
        guard let document = HTMLDocument(data: data) else {
            throw ImportFailure(file: file, reason: "not readable as HTML (an empty page?)")
        }
        return outcome(HTMLPage(document), id: id, url: url, options: options)
    }

    /// The feeds a page links to (`<link rel="alternate" type="application/rss+xml">`, Atom too).
    static func feedLinks(in data: Data) -> [String] {
        HTMLDocument(data: data).map { HTMLPage($0).feeds } ?? []
    }

    private static func outcome(_ page: HTMLPage, id: String, url: String?, options: ImportOptions) -> Outcome {
        if page.meta["http-equiv:refresh"] != nil { return .notAPost("a redirect stub (meta refresh)") }

        var warnings: [String] = []
        let writtenDate = dateMetas.lazy.compactMap { page.first($0) }.first ?? page.linkedData.datePublished ?? page.times.first
        let date = writtenDate.flatMap(PostDate.loose)
        if page.articleCount >= 2, page.isPaginated || date == nil {
            return .notAPost("a listing page (\(page.articleCount) articles\(page.isPaginated ? ", paginated" : ""))")
        }
        guard let date else {
            if let writtenDate { return .notAPost("no readable publication date (\"\(writtenDate.prefix(40))\")") }
            return .notAPost(page.isPaginated ? "a pagination page (no publication date)" : "no publication date (a listing, tag or index page)")
        }
        if page.linkedData.types.contains("WebSite") && page.linkedData.datePublished == nil && page.first("article:published_time") == nil
            && page.times.isEmpty {
            warnings.append("dated only by a meta tag on a page that calls itself a website")
        }

        let canonical = page.links["canonical"]?.first { !$0.isEmpty } ?? page.first("og:url")
        let derived = url ?? options.baseURL.map { Self.url(forPath: id, baseURL: $0) }
        let title = page.first("og:title") ?? page.linkedData.headline ?? page.title ?? page.firstHeading ?? ""
        let metaAuthors = page.all("author") + page.all("article:author").filter { !$0.hasPrefix("http") }
        let authors = !metaAuthors.isEmpty ? metaAuthors : !page.linkedData.authors.isEmpty ? page.linkedData.authors : page.bylines
        let (body, blocks) = mainText(of: page)
        let post = Post(
            id: canonical ?? derived ?? id,
            title: HTMLText.plainText(title),
            date: date,
            authors: unique(authors),
            categories: unique(page.all("article:section") + page.linkedData.section + page.categoryLinks),
            tags: unique(page.all("article:tag") + page.linkedData.keywords + page.tagLinks),
            body: body,
            url: canonical ?? derived,
            language: page.language.flatMap { $0.isEmpty ? nil : $0 } ?? options.defaultLanguage,
            excerpt: page.first("description") ?? page.first("og:description") ?? page.linkedData.description,
            image: page.first("og:image") ?? page.first("twitter:image") ?? page.linkedData.image,
            blocks: blocks
        )
        return .post(post, warnings: warnings)
    }

    /// Date metas, most specific first.
    private static let dateMetas = ["article:published_time", "og:article:published_time", "datepublished", "date",
                                    "dc.date.issued", "dc.date", "dcterms.date", "dcterms.created", "pubdate", "publish-date",
                                    "parsely-pub-date", "sailthru.date"]

    /// Boxes around an article's text that are not its text: class or id words they start with.
    private static let boilerplate = ["share", "social", "related", "comment", "breadcrumb", "sidebar", "tag-list", "tags",
                                      "post-nav", "pagination", "newsletter", "post-info", "post-meta", "skip-link"]
    private static let dropped: Set<String> = ["nav", "header", "footer", "aside", "script", "style", "form", "button",
                                               "iframe", "noscript", "template", "svg", "select", "dialog"]

    /// The container's text without boilerplate, and its blocks.
    static func mainText(of page: HTMLPage) -> (String, [PostBlock]) {
        guard let container = page.container else { return ("", []) }
        var noise: [HTMLElement] = []
        container.walk { element in
            let words = ((element.attribute("class") ?? "") + " " + (element.attribute("id") ?? "")).lowercased()
                .split(whereSeparator: { $0.isWhitespace })
            if dropped.contains(element.name) || words.contains(where: { word in boilerplate.contains { word.hasPrefix($0) } }) {
                noise.append(element)
                return false
            }
            return true
        }
        for element in noise { element.remove() }
        return HTMLText.plainTextAndBlocks(container.html, removeShortcodes: false)
    }

    /// `https://blog.example/` + `2021/01/post.html`; a leading folder named as the site's host
    /// (a `wget --mirror` copy, an archive of one) is dropped.
    static func url(forPath path: String, baseURL: String) -> String {
        var parts = path.split(separator: "/").map(String.init)
        if let host = URL(string: baseURL)?.host?.lowercased(), parts.count > 1, parts[0].lowercased() == host { parts.removeFirst() }
        let encoded = parts.map { $0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? $0 }.joined(separator: "/")
        return (baseURL.hasSuffix("/") ? baseURL : baseURL + "/") + encoded
    }

    private static func unique(_ values: [String]) -> [String] {
        var seen: [String] = []
        for value in values.map({ $0.trimmingWhitespace() }) where !value.isEmpty && !seen.contains(value) { seen.append(value) }
        return seen
    }
}
