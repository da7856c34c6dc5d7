import PostSearch

/// A search as an Atom 1.0 feed (RFC 4287): `GET /search.atom?…` takes `/search`'s parameters
/// and answers its hits as entries, with OpenSearch's response elements (total, start, page size).
struct AtomFeed {
    /// The site's name (`serve --title`).
    let title: String
    let site: SiteAddress
    /// The request's query string as received (percent-encoded), for the feed's own links.
    let queryString: String
    /// When the index last changed (ISO 8601), the feed's `updated` when known.
    let indexUpdated: String?

    static let contentType = "application/atom+xml; charset=utf-8"

    func xml(_ response: SearchResponse) -> String {
        var xml = XMLWriter()
        xml.start("feed", ["xmlns": "http://www.w3.org/2005/Atom", "xmlns:opensearch": OpenSearchDescription.namespace])
        let selfURL = site.base + "/search.atom" + (queryString.isEmpty ? "" : "?" + queryString)
        xml.element("id", text: selfURL)
        xml.element("title", text: response.query.isEmpty ? "\(title): latest posts" : "\(title): “\(response.query)”")
        xml.element("updated", text: indexUpdated ?? response.hits.compactMap { $0.post.date.map(Self.timestamp) }.max() ?? "1970-01-01T00:00:00Z")
        xml.element("link", ["rel": "self", "type": "application/atom+xml", "href": selfURL])
        xml.element("link", ["rel": "alternate", "type": "text/html", "href": site.page(queryString: queryString)])
        xml.element("link", ["rel": "search", "type": OpenSearchDescription.contentType, "href": site.base + "/opensearch.xml"])
        // Entries without authors of their own take the feed's (RFC 4287 4.1.1 wants one or the other).
        xml.start("author")
        xml.element("name", text: title)
        xml.end()
        xml.element("generator", text: "postsearch")
        xml.element("opensearch:totalResults", text: String(response.total))
        xml.element("opensearch:startIndex", text: String(response.offset + 1))
        xml.element("opensearch:itemsPerPage", text: String(response.limit))
        xml.element("opensearch:Query", ["role": "request", "searchTerms": response.query, "startIndex": String(response.offset + 1)])
        for hit in response.hits { entry(hit, into: &xml) }
        xml.end()
        return xml.string
    }

    private func entry(_ hit: SearchResponse.Hit, into xml: inout XMLWriter) {
        let post = hit.post
        // The original when it is a web address, else the search page's view of the post.
        let link = post.url.flatMap { $0.hasPrefix("https://") || $0.hasPrefix("http://") ? $0 : nil } ?? site.postView(id: post.id)
        xml.start("entry")
        xml.element("id", text: link)
        xml.element("title", ["type": "text"], text: post.title.isEmpty ? "(untitled)" : post.title)
        xml.element("link", ["rel": "alternate", "type": "text/html", "href": link])
        let stamp = post.date.map(Self.timestamp) ?? indexUpdated ?? "1970-01-01T00:00:00Z"
        if post.date != nil { xml.element("published", text: stamp) }
        xml.element("updated", text: stamp)
        for author in post.authors {
            xml.start("author")
            xml.element("name", text: author)
            xml.end()
        }
        // Categories and tags told apart by their scheme: the page's filter for each.
        for category in post.categories { xml.element("category", ["term": category, "scheme": site.base + "/?category="]) }
        for tag in post.tags { xml.element("category", ["term": tag, "scheme": site.base + "/?tag="]) }
        // The snippet's HTML (escaped text, <mark>s), escaped once more as Atom's type="html" wants.
        xml.element("summary", ["type": "html"], text: hit.snippet.html)
        xml.end()
    }

    /// RFC 3339: a day alone is its midnight in UTC; a time without an offset is taken as UTC.
    static func timestamp(_ date: PostDate) -> String {
        guard date.time != nil else { return date.dayString + "T00:00:00Z" }
        return date.sortKey + (date.offset ?? "Z")
    }
}
