import Foundation
import Testing
@testable import PostSearch

/// The stored-post reader gives exactly what JSONDecoder gives, and defers to it otherwise.
struct StoredPostReaderTests {
    static let posts: [Post] = [
        Post(id: "a", title: ""),
        Post(id: "blog/2021/é \"quoted\" \\ back", title: "Tabs\tand\nlines\r and \u{1} control",
             date: PostDate("2023-01-01T00:30:00+01:00"), authors: ["Ana Živković", "李"], categories: [],
             tags: ["emoji 🚀", ""], body: String(repeating: "body text ", count: 500) + "\u{7F}\u{FEFF}end",
             url: "https://example.org/a?b=c&d=\"e\"", language: "sl"),
        Post(id: "c", title: "No date", date: PostDate("2020-02-29"), body: ""),
        Post(id: "rich", title: "Rich", body: "Head\n\nText é🚀", excerpt: "Short \"one\"", image: "https://x.example/i.jpg",
             fields: ["series": ["A", "B \\ c"], "empty": [], "mood": ["calm"]],
             blocks: [PostBlock(kind: .h2, start: 0, end: 4), PostBlock(kind: .p, start: 6, end: 13)]),
    ]

    @Test(arguments: posts) func readsWhatTheIndexStores(post: Post) throws {
        let stored = DocumentBuilder.storedData(of: post)
        let read = try #require(StoredPostReader.read(stored))
        #expect(read == post)
        #expect(read == (try JSONDecoder().decode(Post.self, from: Data(stored))))
    }

    @Test func readsEscapesOtherWritersUse() throws {
        let json = #"{"id": "x\/y", "title": "caf\u00e9 \ud83d\ude80", "date": null, "url": null, "body": "\b\f"}"#
        let post = try #require(StoredPostReader.read(Array(json.utf8)))
        #expect(post == Post(id: "x/y", title: "café 🚀", body: "\u{8}\u{C}"))
    }

    @Test(arguments: [
        #"{"id": "x", "views": 3}"#,           // a key it does not know
        #"{"id": "x", "title": "\ud83d"}"#,     // a lone surrogate
        #"{"id": "x", "date": "soon"}"#,        // not a date
        #"{"title": "no id"}"#,
        #"{"id": "x"} trailing"#,
        #"{"id": "x", "tags": ["a",]}"#,
        #"{"id": "x", "title": "unterminated}"#,
        #"{"id": "x", "blocks": [["p", 5, 2]]}"#,     // ends before it starts
        #"{"id": "x", "blocks": [["span", 0, 2]]}"#,  // not a block kind
        #"{"id": "x", "fields": {"a": "b"}}"#,         // not a list
    ]) func refusesWhatItDoesNotExpect(json: String) {
        #expect(StoredPostReader.read(Array(json.utf8)) == nil)
    }

    @Test func newFieldsAreWrittenInAFixedOrder() {
        var writer = JSONWriter()
        Self.posts[3].writeJSON(to: &writer)
        #expect(writer.string.contains(#""language":null,"excerpt":"Short \"one\"","image":"https://x.example/i.jpg","fields":{"empty":[],"mood":["calm"],"series":["A","B \\ c"]},"blocks":[["h2",0,4],["p",6,13]],"body":"#))
        var hit = JSONWriter()
        hit.beginObject()
        Self.posts[3].writeFields(to: &hit)
        hit.endObject()
        #expect(!hit.string.contains("blocks"))
    }

    /// `postsearch export` writes `writeJSON`'s object a line; `postsearch index` reads it back as it was.
    @Test(arguments: posts.filter { !$0.tags.contains("") })  // JSON Lines drops empty list items
    func exportedJSONReimportsLosslessly(post: Post) throws {
        var writer = JSONWriter()
        post.writeJSON(to: &writer)
        #expect(try JSONLinesImporter.parse(line: Data(writer.bytes), file: "export.jsonl", lineNumber: 1) == post)
    }

    @Test func badBlocksInJSONLinesNameTheLine() {
        #expect(throws: ImportFailure(file: "x.jsonl", line: 3, reason: "block [\"p\", 0, 9] lies outside the body (4 UTF-16 code units)")) {
            _ = try JSONLinesImporter.parse(line: Data(#"{"id": "a", "body": "text", "blocks": [["p", 0, 9]]}"#.utf8), file: "x.jsonl", lineNumber: 3)
        }
    }

    @Test func postsWithUnexpectedKeysStillDecode() throws {
        let post = try Post(storedData: Array(#"{"id": "x", "title": "T", "views": 3}"#.utf8))
        #expect(post == Post(id: "x", title: "T"))
    }
}
