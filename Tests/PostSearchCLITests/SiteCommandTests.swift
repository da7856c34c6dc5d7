import ArgumentParser
import Foundation
import Testing
@testable import PostSearchCLI

/// `serve`'s site options and `stats --queries`.
@Suite struct SiteCommandTests {
    @Test func serveOptionsAreChecked() throws {
        let command = try #require(try PostSearchCommand.parseAsRoot([
            "serve", "--title", "Example blog", "--cors-origin", "https://blog.example.org", "--cors-origin", "http://localhost:4000",
            "--public-url", "https://search.example.org", "--query-log", "queries.jsonl",
        ]) as? ServeCommand)
        let configuration = try command.configuration()
        #expect(configuration.title == "Example blog" && configuration.corsOrigins == ["https://blog.example.org", "http://localhost:4000"])
        #expect(configuration.publicURL == "https://search.example.org" && configuration.queryLogPath == "queries.jsonl")
        // Bad values are refused naming their option (exit status 2: ExitCodeTests).
        for (option, bad) in [("--cors-origin", "blog.example.org"), ("--title", " "), ("--public-url", "search.example.org")] {
            let serve = try #require(try PostSearchCommand.parseAsRoot(["serve", option, bad]) as? ServeCommand)
            #expect(throws: (any Error).self, "\(option) \(bad)") { try serve.configuration() }
        }
        let help = ServeCommand.helpMessage()
        for endpoint in ["/posts/{id}/related", "/search.atom", "/opensearch.xml", "/widget.js", "--cors-origin", "--query-log"] {
            #expect(help.contains(endpoint), "serve --help mentions \(endpoint)")
        }
    }

    /// The built binary reads a query log and prints the documented JSON shape.
    @Test func statsQueriesPrintsTheTopQueries() throws {
        let log = (NSTemporaryDirectory() as NSString).appendingPathComponent("postsearch-queries-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(atPath: log) }
        let lines = [("ruby", 3), ("Ruby", 2), ("rubby", 0), ("rubby", 0), ("", 19)].map { q, total in
            #"{"time":"2026-12-01T10:00:00.000Z","q":"\#(q)","filters":{},"sort":"relevance","offset":0,"total":\#(total),"ms":1.2}"#
        }
        try lines.joined(separator: "\n").write(toFile: log, atomically: true, encoding: .utf8)
        let result = try CLI.run(["stats", "--queries", log, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(report["searches"] as? Int == 4 && report["no_results"] as? Int == 2 && report["browsing"] as? Int == 1)
        let top = try #require(report["top_queries"] as? [[String: Any]])
        #expect(top.map { $0["q"] as? String } == ["rubby", "ruby"])
        let nothing = try #require(report["top_no_results"] as? [[String: Any]])
        #expect(nothing.map { $0["q"] as? String } == ["rubby"] && nothing.first?["count"] as? Int == 2)

        let human = try CLI.run(["stats", "--queries", log])
        #expect(human.status == 0 && human.stdout.contains("Top queries that found nothing"))
        let missing = try CLI.run(["stats", "--queries", log + ".missing"])
        #expect(missing.status != 0 && missing.stderr.contains(".missing"))
    }
}
