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
    ]) func refusesWhatItDoesNotExpect(json: String) {
        #expect(StoredPostReader.read(Array(json.utf8)) == nil)
    }

    @Test func postsWithUnexpectedKeysStillDecode() throws {
        let post = try Post(storedData: Array(#"{"id": "x", "title": "T", "views": 3}"#.utf8))
        #expect(post == Post(id: "x", title: "T"))
    }
}
