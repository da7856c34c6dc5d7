import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Hummingbird
import HummingbirdTesting
import PostSearch
import Testing
@testable import PostSearchServer

let atom = "http://www.w3.org/2005/Atom"
let openSearch = "http://a9.com/-/spec/opensearch/1.1/"
/// RFC 3986's unreserved characters: what a query-string value leaves unencoded.
let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

/// A document parsed by Foundation's XML parser (a body that is not well-formed XML fails the test).
func xmlDocument(_ buffer: ByteBuffer) throws -> XMLElement {
    let document = try XMLDocument(data: Data(buffer.readableBytesView), options: [])
    return try #require(document.rootElement())
}

extension XMLElement {
    /// Child elements by namespace and local name.
    func children(_ name: String, _ uri: String = atom) -> [XMLElement] {
        (children ?? []).compactMap { $0 as? XMLElement }.filter { $0.localName == name && $0.uri == uri }
    }
    func child(_ name: String, _ uri: String = atom) -> XMLElement? { children(name, uri).first }
    func text(_ name: String, _ uri: String = atom) -> String? { child(name, uri)?.stringValue }
    func attribute(_ name: String) -> String? { attributes?.first { $0.name == name }?.stringValue }
}

@Suite struct FeedTests {
    /// The feed's entries are the JSON search's hits (same decoder, same order), newest first
    /// unless `sort` says otherwise, with every element Atom requires.
    @Test(arguments: ["q=migration", "category=Search&limit=4", "q=migration&sort=relevance", "q=search&sort=oldest&offset=1"])
    func feedEntriesMatchTheJSONSearch(query: String) async throws {
        let index = try SampleIndex()
        try await index.application().test(.router) { client in
            let jsonQuery = query.contains("sort=") ? query : query + "&sort=newest"
            let hits = try await client.execute(uri: "/search?" + jsonQuery, method: .get) {
                try #require(try json($0.body)["hits"] as? [[String: Any]])
            }
            #expect(!hits.isEmpty)
            try await client.execute(uri: "/search.atom?" + query, method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/atom+xml; charset=utf-8")
                let feed = try xmlDocument(response.body)
                #expect(feed.localName == "feed" && feed.uri == atom)
                #expect(feed.text("id") == "http://localhost/search.atom?" + query)
                #expect(feed.text("title")?.isEmpty == false)
                #expect(feed.text("updated").flatMap(ISO8601DateFormatter().date(from:)) != nil)
                #expect(feed.child("author")?.text("name") == "postsearch")
                #expect(feed.children("link").contains { $0.attribute("rel") == "self" })
                let entries = feed.children("entry")
                #expect(entries.count == hits.count)
                for (entry, hit) in zip(entries, hits) {
                    let id = try #require(hit["id"] as? String)
                    let expectedLink = (hit["url"] as? String)
                        ?? "http://localhost/?post=" + id.addingPercentEncoding(withAllowedCharacters: unreserved)!
                    #expect(entry.text("title") == hit["title"] as? String)
                    #expect(entry.text("id") == expectedLink)
                    #expect(entry.child("link")?.attribute("href") == expectedLink)
                    #expect(entry.children("author").compactMap { $0.text("name") } == hit["authors"] as? [String])
                    #expect(entry.text("summary") == hit["snippet"] as? String)
                    let updated = try #require(entry.text("updated"))
                    #expect(ISO8601DateFormatter().date(from: updated) != nil, "\(updated) is RFC 3339")
                    if let date = hit["date"] as? String { #expect(updated.hasPrefix(String(date.prefix(10)))) }
                }
                let total = try await client.execute(uri: "/search?" + jsonQuery, method: .get) { try json($0.body)["total"] as? Int }
                #expect(feed.text("totalResults", openSearch) == total.map(String.init))
            }
        }
    }

    @Test func newestFirstUnlessSortIsGiven() async throws {
        let index = try SampleIndex()
        try await index.application().test(.router) { client in
            let updated = try await client.execute(uri: "/search.atom?limit=20", method: .get) { response in
                try xmlDocument(response.body).children("entry").compactMap { $0.text("published") }
            }
            #expect(updated.count > 10)
            #expect(updated == updated.sorted(by: >), "newest first: \(updated)")
            let oldest = try await client.execute(uri: "/search.atom?limit=20&sort=oldest", method: .get) { response in
                try xmlDocument(response.body).children("entry").compactMap { $0.text("published") }
            }
            #expect(oldest.first == updated.last)
        }
    }

    /// Text that would break XML (markup, control characters, quotes) arrives intact; a url that
    /// is not a web address is not linked.
    @Test func hostileTextStaysWellFormed() async throws {
        let index = try SampleIndex()
        let title = "<script>alert(\"x\")</script> & \u{1}bell\u{7}"
        let indexer = try Indexer(path: index.path)
        try indexer.index(Post(id: "hostile & <id>", title: title, date: PostDate("2024-01-01"), authors: ["M<a>llory"],
                               categories: ["A&B"], body: "A zeppelin & <b>bold</b> \u{0B}vertical tab.", url: "javascript:alert(1)"))
        try indexer.close()
        try await index.application().test(.router) { client in
            try await client.execute(uri: "/search.atom?q=zeppelin", method: .get) { response in
                let entry = try #require(try xmlDocument(response.body).child("entry"))
                #expect(entry.text("title") == "<script>alert(\"x\")</script> & bell")
                #expect(entry.child("author")?.text("name") == "M<a>llory")
                #expect(entry.child("category")?.attribute("term") == "A&B")
                #expect(entry.text("summary")?.contains("<mark>zeppelin</mark> &amp; &lt;b&gt;bold") == true)
                #expect(entry.text("id") == "http://localhost/?post=hostile%20%26%20%3Cid%3E")
            }
        }
    }

    @Test func openSearchDescribesThePageAndTheSearches() async throws {
        let index = try SampleIndex()
        try await index.application(configure: { $0.title = "Example blog"; $0.publicURL = "https://search.example.org/" }).test(.router) { client in
            try await client.execute(uri: "/opensearch.xml", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/opensearchdescription+xml")
                let description = try xmlDocument(response.body)
                #expect(description.localName == "OpenSearchDescription" && description.uri == openSearch)
                #expect(description.text("ShortName", openSearch) == "Example blog")
                let templates = Dictionary(description.children("Url", openSearch).map { ($0.attribute("type") ?? "", $0.attribute("template") ?? "") }) { a, _ in a }
                #expect(templates["text/html"] == "https://search.example.org/?q={searchTerms}")
                #expect(templates["application/json"]?.hasPrefix("https://search.example.org/search?q={searchTerms}") == true)
                #expect(templates["application/atom+xml"]?.hasPrefix("https://search.example.org/search.atom?q={searchTerms}") == true)
            }
            // The page names the site and links its feed and its OpenSearch description.
            try await client.execute(uri: "/", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("<title>Example blog</title>"))
                #expect(html.contains(#"<link rel="search" type="application/opensearchdescription+xml""#))
                #expect(html.contains(#"<link rel="alternate" type="application/atom+xml""#))
            }
            // Filling in the JSON template (optional parameters left blank) gives a valid search.
            try await client.execute(uri: "/search?q=ministers&offset=&limit=", method: .get) { response in
                let total = try json(response.body)["total"] as? Int
                #expect(response.status == .ok && total == 3)
            }
        }
    }

    @Test func titleIsEscapedAndFaviconAndWidgetAreServed() async throws {
        let index = try SampleIndex()
        try await index.application(configure: { $0.title = "A&B <News>" }).test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("<title>A&amp;B &lt;News&gt;</title>"))
                #expect(!html.contains("<News>"))
            }
            try await client.execute(uri: "/favicon.ico", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "image/x-icon")
                let bytes = Array(response.body.readableBytesView)
                #expect(bytes.prefix(6) == [0, 0, 1, 0, 1, 0], "an ICO header with one image")
                let size = Int(bytes[14]) | Int(bytes[15]) << 8 | Int(bytes[16]) << 16 | Int(bytes[17]) << 24
                #expect(bytes.count == 22 + size)
            }
            try await client.execute(uri: "/widget.js", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/javascript; charset=utf-8")
                #expect(String(buffer: response.body).contains("window.PostSearchWidget"))
            }
        }
    }
}
