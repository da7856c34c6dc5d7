import ArgumentParser
import Foundation
import Testing
@testable import PostSearchCLI

/// Runs the built `postsearch` binary.
struct CLI {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let binary: URL? = {
        let candidates = [
            Bundle.main.bundleURL.appendingPathComponent("postsearch"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("postsearch"),
            repositoryRoot.appendingPathComponent(".build/debug/postsearch"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    struct Result { let status: Int32; let stdout: String; let stderr: String }

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = try #require(binary, "the postsearch binary was not built")
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }
}

@Suite struct ArgumentParsingTests {
    @Test func searchOptionsBecomeARequest() throws {
        let command = try #require(try PostSearchCommand.parseAsRoot([
            "search", "western", "balkans", "--category", "A", "--category", "B", "--author", "Ann", "--tag", "t",
            "--from", "2021", "--to", "2021-06-30", "--sort", "newest", "--limit", "5", "--offset", "10",
            "--facets", "category,year", "--facet-limit", "0", "--no-suggest", "--json", "--index", "somewhere",
        ]) as? SearchCommand)
        let request = try command.request()
        #expect(request.query == "western balkans")
        #expect(request.categories == ["A", "B"] && request.authors == ["Ann"] && request.tags == ["t"])
        #expect(request.from == "2021" && request.to == "2021-06-30")
        #expect(request.sort == .newest && request.limit == 5 && request.offset == 10)
        #expect(request.facets == [.category, .year] && request.facetLimit == 0)
        #expect(!request.suggest)
        #expect(command.options.json && command.location.path == "somewhere")
    }

    @Test func malformedArgumentsAreRejected() {
        #expect(throws: (any Error).self) { try PostSearchCommand.parseAsRoot(["search", "--colour", "red"]) }
        #expect(throws: (any Error).self) { try PostSearchCommand.parseAsRoot(["search", "--limit"]) }
        #expect(throws: (any Error).self) { try PostSearchCommand.parseAsRoot(["index"]) }
    }

    @Test func badValuesAreUserErrors() throws {
        // "colour" could be a custom field of the index: only the index can refuse it; "1x" cannot be one.
        let command = try #require(try PostSearchCommand.parseAsRoot(["search", "--facets", "1x"]) as? SearchCommand)
        #expect(throws: (any Error).self) { try command.request() }
    }
}

@Suite struct CommandLineTests {
    func temporaryIndex() -> String {
        (NSTemporaryDirectory() as NSString).appendingPathComponent("postsearch-cli-\(UUID().uuidString)")
    }

    @Test func indexSearchAndStatsEndToEnd() throws {
        let index = temporaryIndex()
        defer { try? FileManager.default.removeItem(atPath: index) }
        let archive = CLI.repositoryRoot.appendingPathComponent("examples/sample-archive").path
        let indexed = try CLI.run(["index", archive, "--index", index])
        #expect(indexed.status == 0, "\(indexed.stderr)")
        #expect(indexed.stdout.contains("added 18"))
        #expect(indexed.stderr.isEmpty, "no progress line when stderr is not a terminal")

        // --index falls back to $POSTSEARCH_INDEX.
        let found = try CLI.run(["search", "ministers", "--json", "--facets", "category"], environment: ["POSTSEARCH_INDEX": index])
        #expect(found.status == 0)
        #expect(found.stdout.hasSuffix("}\n") && found.stdout.components(separatedBy: "\n").count == 2, "exactly one JSON object")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(found.stdout.utf8)) as? [String: Any])
        #expect(object["total"] as? Int == 3)
        #expect(Array((object as NSDictionary).allKeys as! [String]).sorted()
                == ["corrected_query", "facets", "hits", "limit", "offset", "partial", "query", "suggestion", "total"])

        let human = try CLI.run(["search", "ministers", "--index", index])
        #expect(human.stdout.contains("3 posts match ministers;"), "\(human.stdout)")
        #expect(human.stdout.contains("[ministers]"), "matches bracketed when piped")

        let related = try CLI.run(["related", "blog/2020/facets", "--index", index, "--json", "--limit", "3"])
        #expect(related.status == 0)
        let relatedObject = try #require(try JSONSerialization.jsonObject(with: Data(related.stdout.utf8)) as? [String: Any])
        let relatedIDs = (relatedObject["hits"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
        #expect(relatedIDs.count == 3 && !relatedIDs.contains("blog/2020/facets"))
        #expect(try CLI.run(["related", "no/such/post", "--index", index]).status == 1)

        let stats = try CLI.run(["stats", "--index", index, "--json"])
        let statsObject = try #require(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
        #expect(statsObject["posts"] as? Int == 18)
        #expect(statsObject["first_date"] as? String == "2019-03-04")
        #expect(statsObject["last_date"] as? String == "2023-01-10")
    }

    @Test func exitStatuses() throws {
        let index = temporaryIndex()
        defer { try? FileManager.default.removeItem(atPath: index) }
        let missing = try CLI.run(["search", "x", "--index", index])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("postsearch index"), "says how to create an index")

        let archive = (NSTemporaryDirectory() as NSString).appendingPathComponent("postsearch-cli-archive-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: archive) }
        try FileManager.default.createDirectory(atPath: archive, withIntermediateDirectories: true)
        try "{\"id\":\"1\",\"title\":\"fine\"}\n{broken\n{\"id\":\"2\",\"date\":\"31/02/2021\"}\n".write(
            toFile: archive + "/posts.jsonl", atomically: true, encoding: .utf8)
        let partial = try CLI.run(["index", archive, "--index", index])
        #expect(partial.status == 1, "some records failed")
        #expect(partial.stdout.contains("posts.jsonl:2:"))
        #expect(partial.stdout.contains("posts.jsonl:3:"))
        #expect(partial.stdout.contains("now holds 1 post."))

        let badQuery = try CLI.run(["search", "foo AND (", "--index", index])
        #expect(badQuery.status == 2)
        #expect(badQuery.stderr.contains("query"))
        let badDate = try CLI.run(["search", "--from", "June", "--index", index])
        #expect(badDate.status == 2)
        let badSort = try CLI.run(["search", "--sort", "best", "--index", index])
        #expect(badSort.status == 2, "a bad value, not a malformed command line")
    }

    @Test func exportedPostsReimportUnchanged() throws {
        let index = temporaryIndex(), copy = temporaryIndex()
        let exported = (NSTemporaryDirectory() as NSString).appendingPathComponent("postsearch-export-\(UUID().uuidString).jsonl")
        defer { for path in [index, copy, exported] { try? FileManager.default.removeItem(atPath: path) } }
        let archive = CLI.repositoryRoot.appendingPathComponent("examples/sample-archive").path
        #expect(try CLI.run(["index", archive, "--index", index]).status == 0)
        let export = try CLI.run(["export", "--index", index])
        #expect(export.status == 0, "\(export.stderr)")
        let lines = export.stdout.split(separator: "\n")
        #expect(lines.count == 18)
        try export.stdout.write(toFile: exported, atomically: true, encoding: .utf8)

        // Into the same index: every post is byte-for-byte what is stored, so nothing changes.
        let again = try CLI.run(["index", exported, "--index", index, "--json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
        #expect(report["unchanged"] as? Int == 18, "\(again.stdout)")
        // Into a new index: the same search results.
        #expect(try CLI.run(["index", exported, "--index", copy]).status == 0)
        let original = try CLI.run(["search", "ministers", "--json", "--facets", "category,author", "--index", index])
        let restored = try CLI.run(["search", "ministers", "--json", "--facets", "category,author", "--index", copy])
        #expect(original.stdout == restored.stdout)
    }

    @Test func everyCommandHasHelpWithExamples() throws {
        for command in ["index", "delete", "search", "stats", "serve", "related", "export", "compact", "synonyms", "replay"] {
            let help = try CLI.run([command, "--help"])
            #expect(help.status == 0)
            #expect(help.stdout.contains("Examples:"), "\(command) --help")
        }
    }
}
