import Foundation
import Testing
@testable import PostSearch

/// postsearch's own query language: precedence as in Xapian's QueryParser, leniency, and
/// thousands of random queries that must end in results or a `bad_query`, never a crash.
@Suite struct QueryLanguageTests {
    static let posts = [
        Post(id: "a", title: "Migration routes", date: PostDate("2021-06-01"), authors: ["Ana"], categories: ["Data"],
             body: "Asylum requests and migration routes in the region.", language: "en"),
        Post(id: "b", title: "Asylum statistics", date: PostDate("2022-01-01"), tags: ["stats"],
             body: "Statistics on asylum requests.", language: "en"),
        Post(id: "c", title: "Routes", date: PostDate("2020-01-01"), body: "Mountain routes for walkers.", language: "en"),
        Post(id: "d", title: "脆弱性の修正", body: "REXML の脆弱性を修正しました。", language: "ja"),
    ]

    func ids(_ searcher: Searcher, _ query: String) throws -> [String] {
        try searcher.search(SearchRequest(query: query)).hits.map(\.post.id).sorted()
    }

    @Test func precedenceAndMarks() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let searcher = try Searcher(path: try Fixtures.index(Self.posts, in: dir))
        #expect(try ids(searcher, "asylum OR routes AND mountain") == ["a", "b", "c"], "AND binds tighter than OR")
        #expect(try ids(searcher, "(asylum OR routes) AND mountain") == ["c"])
        #expect(try ids(searcher, "routes NOT mountain") == ["a"])
        #expect(try ids(searcher, "routes AND NOT mountain") == ["a"])
        #expect(try ids(searcher, "NOT routes") == ["b", "d"], "a leading NOT: every post without it")
        #expect(try ids(searcher, "-routes") == ["b", "d"], "only exclusions: every post without them")
        #expect(try ids(searcher, "asylum XOR routes") == ["b", "c"])
        #expect(try ids(searcher, "+asylum migration") == ["a", "b"])
        #expect(try ids(searcher, "asylum requests NEAR/2 region") == ["a", "b"], "NEAR anywhere in a list of words")
        #expect(try ids(searcher, "\"routes in the region\"") == ["a"])
        #expect(try ids(searcher, "tag:stats") == ["b"])
        #expect(try ids(searcher, "author:ana routes") == ["a"], "a field filters a list of words")
        #expect(try ids(searcher, "routes AND (") == ["a", "c"], "a dangling group is read leniently")
        #expect(try ids(searcher, "routes date:2021") == ["a"], "a date filter applies to the whole query")
        #expect(throws: PostSearchError.self) { try searcher.search(SearchRequest(query: "zebra AND (")) }
        #expect(try ids(searcher, "脆弱") == ["d"])
    }

    @Test func randomQueriesEndInResultsOrABadQuery() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let searcher = try Searcher(path: try Fixtures.index(Self.posts, in: dir))
        let pieces = ["asylum", "routes", "Migration", "AND", "OR", "NOT", "XOR", "NEAR", "NEAR/2", "ADJ/1", "(", ")", "\"", "+", "-",
                      "*", "title:", "tag:", "author:", "lang:", "date:", "year:", "2021", "2021..", "..2022", "脆弱", "é", "\u{0}",
                      "\u{FFFD}", "::", "..", "/", "\\", "~", "%", "zebra*", "a*", "café", "Ж", "🙂", " ", " ", " "]
        var random = SeededRandom(seed: 42)
        let iterations = Int(ProcessInfo.processInfo.environment["POSTSEARCH_FUZZ_ITERATIONS"] ?? "") ?? 1_500
        var answered = 0, refused = 0
        for _ in 0..<iterations {
            let query = (0..<Int.random(in: 1...12, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            do {
                _ = try searcher.search(SearchRequest(query: query))
                answered += 1
            } catch let error as PostSearchError {
                #expect(error.isUserError, "\(query): \(error)")
                refused += 1
            }
        }
        print("random queries: \(answered) answered, \(refused) refused as bad queries")
        #expect(answered > refused)
    }
}
