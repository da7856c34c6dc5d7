import Foundation

/// What one walk over a parsed page finds: its `<meta>` and `<link>` tags, title, first heading,
/// `<time>` elements, JSON-LD, visible bylines and tag links, and the element holding its text.
struct HTMLPage {
    /// `<meta name|property=… content=…>`, lower-case keys, every value in order.
    private(set) var meta: [String: [String]] = [:]
    /// `<link rel="alternate" type="application/rss+xml|atom+xml" href=…>`: the site's feeds.
    private(set) var feeds: [String] = []
    /// `<link rel=… href=…>` and `<a rel=…>`, by lower-case relation.
    private(set) var links: [String: [String]] = [:]
    private(set) var title: String?
    private(set) var firstHeading: String?
    private(set) var language: String?
    /// `datetime` of `<time>` elements, those marked as the publication date first.
    private(set) var times: [String] = []
    private(set) var linkedData = LinkedData(scripts: [])
    /// Names in visible bylines (`rel=author`, `class=author`, `itemprop=author`) of the article.
    private(set) var bylines: [String] = []
    /// Text of links to tag and category pages (`rel=tag`, `/tags/…`, `/category/…`) in the article.
    private(set) var tagLinks: [String] = [], categoryLinks: [String] = []
    /// How many `<article>` elements the page has (listings show one per teaser).
    private(set) var articleCount = 0
    /// `<main>`, else the first `<article>`, else `<body>`.
    private(set) var container: HTMLElement?

    init(_ document: HTMLDocument) {
        var scripts: [String] = []
        var main: HTMLElement?, article: HTMLElement?, body: HTMLElement?
        var publishedTimes: [String] = [], otherTimes: [String] = []
        guard let root = document.root else { return }
        language = root.attribute("lang") ?? root.attribute("xml:lang")
        root.walk { element in
            switch element.name {
            case "meta":
                if let key = (element.attribute("property") ?? element.attribute("name") ?? element.attribute("itemprop"))?.lowercased(),
                   let content = element.attribute("content") {
                    meta[key, default: []].append(content)
                }
                if let equivalent = element.attribute("http-equiv")?.lowercased() {
                    meta["http-equiv:" + equivalent, default: []].append(element.attribute("content") ?? "")
                }
            case "link":
                let relations = (element.attribute("rel") ?? "").lowercased().split(separator: " ")
                for relation in relations { links[String(relation), default: []].append(element.attribute("href") ?? "") }
                let type = element.attribute("type")?.lowercased() ?? ""
                if relations.contains("alternate"), type.contains("rss+xml") || type.contains("atom+xml"), let href = element.attribute("href") {
                    feeds.append(href)
                }
            case "title": if title == nil { title = element.tidyText }
            case "h1": if firstHeading == nil { firstHeading = element.tidyText }
            case "script":
                if element.attribute("type")?.lowercased() == "application/ld+json" { scripts.append(element.text) }
                return false
            case "time":
                if let value = element.attribute("datetime") {
                    let marked = element.attribute("itemprop") == "datePublished" || element.has("published", in: "class")
                        || element.has("dt-published", in: "class") || element.attribute("pubdate") != nil
                    if marked { publishedTimes.append(value) } else { otherTimes.append(value) }
                }
            case "main": if main == nil { main = element }
            case "article":
                articleCount += 1
                if article == nil { article = element }
            case "body": if body == nil { body = element }
            case "a":
                for relation in (element.attribute("rel") ?? "").lowercased().split(separator: " ") where relation == "next" || relation == "prev" {
                    links["a:" + relation, default: []].append(element.attribute("href") ?? "")
                }
            default: break
            }
            return true
        }
        times = publishedTimes + otherTimes
        linkedData = LinkedData(scripts: scripts)
        container = main ?? article ?? body
        if let scope = article ?? main { readBylinesAndTags(in: scope) }
    }

    private mutating func readBylinesAndTags(in scope: HTMLElement) {
        scope.walk { element in
            let isByline = element.has("author", in: "rel") || element.has("author", in: "class") || element.attribute("itemprop") == "author"
            if isByline {
                // The name itself, when the byline marks it, else the byline's whole text.
                let name = element.first { $0.attribute("itemprop") == "name" || $0.has("name", in: "class") || $0.has("fn", in: "class") }?.tidyText
                    ?? element.tidyText
                if !name.isEmpty, name.count <= 80, !bylines.contains(name) { bylines.append(name) }
                return false
            }
            if element.name == "a" {
                let href = (element.attribute("href") ?? "").lowercased()
                let text = element.tidyText
                guard !text.isEmpty, text.count <= 80 else { return false }
                if element.has("tag", in: "rel") || href.contains("/tags/") || href.contains("/tag/") {
                    if !tagLinks.contains(text) { tagLinks.append(text) }
                } else if element.has("category", in: "rel") || href.contains("/categories/") || href.contains("/category/") {
                    if !categoryLinks.contains(text) { categoryLinks.append(text) }
                }
                return false
            }
            return true
        }
    }

    func first(_ key: String) -> String? {
        meta[key]?.lazy.map { $0.trimmingWhitespace() }.first { !$0.isEmpty }
    }

    func all(_ key: String) -> [String] {
        (meta[key] ?? []).map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
    }

    /// `<link rel=next|prev>` or `<a rel=next|prev>`.
    var isPaginated: Bool {
        ["next", "prev", "previous", "a:next", "a:prev"].contains { links[$0] != nil }
    }
}
