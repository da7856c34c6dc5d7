import Foundation
import Testing

/// Synonyms, recency, highlights and corrections through the built binary.
@Suite struct ForgivingSearchCLITests {
    /// A date some days ago, as JSON Lines write it.
    static func daysAgo(_ days: Double) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: Date().addingTimeInterval(-days * 86_400))
    }

    static let posts = [
        #"{"id": "treaty", "title": "The alliance meets", "date": "2019-01-10", "body": "The North Atlantic Treaty Organization met in Brussels about the budget."}"#,
        #"{"id": "nato", "title": "NATO summit", "date": "\#(daysAgo(2))", "body": "NATO leaders agreed on the budget."}"#,
        #"{"id": "budget", "title": "Budget budget", "date": "2015-03-03", "body": "The budget, the budget and the budget again: a garbage collector."}"#,
    ].joined(separator: "\n") + "\n"

    func withIndex(_ body: (String, String) throws -> Void) throws {
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("postsearch-forgiving-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let posts = (folder as NSString).appendingPathComponent("posts.jsonl")
        try Self.posts.write(toFile: posts, atomically: true, encoding: .utf8)
        let index = (folder as NSString).appendingPathComponent("index")
        let indexed = try CLI.run(["index", posts, "--index", index])
        #expect(indexed.status == 0, "\(indexed.stderr)")
        try body(folder, index)
    }

    func ids(_ arguments: [String]) throws -> [String] {
        let result = try CLI.run(arguments + ["--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stderr)")
        return (object["hits"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }

    @Test func synonymsSetListAndSearch() throws {
        try withIndex { folder, index in
            let file = (folder as NSString).appendingPathComponent("synonyms.txt")
            try "nato, north atlantic treaty organization\n".write(toFile: file, atomically: true, encoding: .utf8)
            #expect(try ids(["search", "nato", "--index", index]) == ["nato"])
            let set = try CLI.run(["synonyms", "set", file, "--index", index])
            #expect(set.status == 0, "\(set.stderr)")
            #expect(try ids(["search", "nato", "--index", index]).sorted() == ["nato", "treaty"])
            let list = try CLI.run(["synonyms", "list", "--index", index])
            #expect(list.stdout.contains("nato, north atlantic treaty organization"))
            try "lonely\n".write(toFile: file, atomically: true, encoding: .utf8)
            let bad = try CLI.run(["synonyms", "set", file, "--index", index])
            #expect(bad.status == 2 && bad.stderr.contains("line 1"), "\(bad.stderr)")
            #expect(try ids(["search", "nato", "--index", index]).sorted() == ["nato", "treaty"], "a bad file leaves the old one")
            #expect(try CLI.run(["synonyms", "clear", "--index", index]).status == 0)
            #expect(try ids(["search", "nato", "--index", index]) == ["nato"])
        }
    }

    @Test func recencyBoost() throws {
        try withIndex { (_: String, index: String) throws in
            #expect(try ids(["search", "budget", "--index", index]).first == "budget")
            #expect(try ids(["search", "budget", "--boost", "recent:30d", "--index", index]).first == "nato")
            #expect(try CLI.run(["search", "budget", "--boost", "soon", "--index", index]).status == 2)
        }
    }

    @Test func highlightsAndCorrections() throws {
        try withIndex { (_: String, index: String) throws in
            let phrase = try CLI.run(["search", "\"garbage collector\"", "--index", index])
            #expect(phrase.stdout.contains("[garbage] [collector]"), "\(phrase.stdout)")
            let json = try CLI.run(["search", "summit", "--json", "--index", index])
            #expect(json.stdout.contains(#""title_html":"NATO <mark>summit</mark>""#))
            let typo = try CLI.run(["search", "budgte", "--index", index])
            #expect(typo.stdout.contains("Showing results for budget (no post has budgte)"), "\(typo.stdout)")
            #expect(try ids(["search", "budgte", "--no-autocorrect", "--index", index]).isEmpty)
            #expect(try ids(["search", "bruss", "--prefix", "--index", index]) == ["treaty"])
        }
    }
}
