import Foundation
import Testing

/// The command line as the README documents it: exit statuses, messages, ordering.
@Suite struct ExitCodeTests {
    /// Every option that takes a value, given a bad one: exit status 2 and a sentence naming the option.
    static let badValues: [[String]] = [
        ["search", "--sort", "foo"], ["search", "--limit", "-1"], ["search", "--limit", "101"], ["search", "--limit", "ten"],
        ["search", "--offset", "-5"], ["search", "--facet-limit", "-1"], ["search", "--facets", "no such"],
        ["search", "--filter", "nonsense"],
        ["search", "--from", "June"], ["search", "--to", "2021-13"], ["search", "--language", "klingon"],
        ["search", "--boost", "soon"], ["search", "--remote-timeout", "-1"],
        ["related", "some/id", "--sort", "best"], ["related", "some/id", "--limit", "-3"], ["related", "some/id", "--offset", "x"],
        ["related", "some/id", "--facet-limit", "-2"], ["related", "some/id", "--facets", "1x"],
        ["index", "nowhere", "--field", "date"], ["index", "nowhere", "--base-url", "not a url"], ["index", "nowhere", "--since", "soon"],
        ["index", "nowhere", "--timeout", "0"],
        ["index", "nowhere", "--batch-size", "0"], ["index", "nowhere", "--shards", "0"], ["index", "nowhere", "--shards", "300"],
        ["index", "nowhere", "--language", "klingon"], ["index", "nowhere", "--jobs", "0"], ["index", "nowhere", "--jobs", "many"],
        ["serve", "--port", "99999"], ["serve", "--port", "-1"], ["serve", "--max-limit", "0"], ["serve", "--max-query-length", "0"],
        ["serve", "--time-limit", "-1"], ["serve", "--max-uri-length", "1"], ["serve", "--searchers", "0"],
        ["serve", "--idle-timeout", "0"], ["serve", "--max-connections", "0"], ["serve", "--remote-timeout", "soon"],
        ["replay", "queries.txt", "--passes", "0"], ["replay", "queries.txt", "--threads", "-1"],
        ["stats", "--remote-timeout", "0"],
        ["serve", "--cors-origin", "blog.example.org"], ["serve", "--title", " "], ["serve", "--public-url", "example.org"],
        ["stats", "--limit", "0", "--queries", "queries.jsonl"],
    ]

    /// Command lines that are not well formed: exit status 64.
    static let malformed: [[String]] = [
        ["search", "--colour", "red"], ["search", "--limit"], ["index"], ["frobnicate"], ["delete"], ["synonyms", "set"],
    ]

    @Test(arguments: badValues)
    func aBadValueExitsTwoNamingTheOption(_ arguments: [String]) throws {
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("postsearch-exit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try CLI.run(arguments + ["--index", folder])
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        let option = arguments.first { $0.hasPrefix("--") }!
        #expect(result.stderr.contains(option) || result.stderr.contains(String(option.dropFirst(2))), "names \(option): \(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder), "nothing is created")
    }

    @Test(arguments: malformed)
    func aMalformedCommandLineExits64(_ arguments: [String]) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == 64, "\(arguments): \(result.stderr)")
    }

    @Test func aRunThatReadsNoPostSaysSoAndCreatesNothing() throws {
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("postsearch-nothing-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let index = (folder as NSString).appendingPathComponent("index")
        let missing = try CLI.run(["index", "/nonexistent/path", "--index", index])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no post was read from /nonexistent/path"), "\(missing.stderr)")
        #expect(missing.stdout.contains("Read 0 records from 0 files"), "\(missing.stdout)")
        #expect(!FileManager.default.fileExists(atPath: index), "no empty index is left behind")

        let pdf = (folder as NSString).appendingPathComponent("notes.pdf")
        try Data("%PDF-1.4".utf8).write(to: URL(fileURLWithPath: pdf))
        let passed = try CLI.run(["index", pdf, "--index", index])
        #expect(passed.status == 1)
        #expect(passed.stdout.contains("passed over 1 file of another type: \(pdf)"), "\(passed.stdout)")
        #expect(!FileManager.default.fileExists(atPath: index))
    }

    @Test func messagesCountAndEchoAsWritten() throws {
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("postsearch-messages-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let posts = (folder as NSString).appendingPathComponent("posts.jsonl")
        try [#"{"id": "gc", "title": "The garbage collector", "date": "2020-01-01", "author": "nathan", "body": "About the garbage collector."}"#,
             #"{"id": "old", "title": "Old news", "date": "2010-01-01", "author": "nathan", "body": "Nothing new."}"#]
            .joined(separator: "\n").write(toFile: posts, atomically: true, encoding: .utf8)
        let index = (folder as NSString).appendingPathComponent("index")
        let indexed = try CLI.run(["index", posts, "--index", index])
        #expect(indexed.stdout.contains("Read 2 records from 1 file in"), "\(indexed.stdout)")
        #expect(indexed.stdout.contains("now holds 2 posts."))

        let one = try CLI.run(["search", "\"garbage collector\"", "--index", index])
        #expect(one.stdout.hasPrefix("1 post matches \"garbage collector\"; showing 1–1."), "no doubled quotes: \(one.stdout)")
        let long = try CLI.run(["search", String(repeating: "word ", count: 2_000), "--index", index])
        #expect(long.stdout.split(separator: "\n").first.map { $0.count < 200 } == true, "a long query is not echoed whole")
        let past = try CLI.run(["search", "garbage", "--offset", "10", "--index", index])
        #expect(past.stdout.contains("No more results: 1 post matches garbage, and this page starts at 11."), "\(past.stdout)")

        // Filters alone list posts newest first, as the empty query and --author do.
        let byField = try CLI.run(["search", "author:nathan", "--json", "--index", index])
        let byOption = try CLI.run(["search", "--author", "nathan", "--json", "--index", index])
        func ids(_ json: String) throws -> [String] {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            return (object["hits"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        }
        #expect(try ids(byField.stdout) == ["gc", "old"])
        #expect(try ids(byOption.stdout) == ["gc", "old"])

        let colour = try CLI.run(["search", "--facets", "colour", "--index", index])
        #expect(colour.status == 2 && colour.stderr.contains("unknown facet \"colour\""), "the index has no such field: \(colour.stderr)")

        let removed = try CLI.run(["delete", "old", "--index", index])
        #expect(removed.stdout == "Removed 1 post.\n")
        let stats = try CLI.run(["stats", "--index", index])
        #expect(stats.stdout.contains("Languages:    en (1)"), "each post once, by its detected language: \(stats.stdout)")
    }
}
