import Foundation
import Hummingbird
import HummingbirdTesting
import PostSearch
import Testing
@testable import PostSearchServer

/// The lines of a file, once it has `count` of them (the log is written off the request path).
func lines(of path: String, count: Int) async throws -> [String] {
    for _ in 0..<200 {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        let lines = text.split(separator: "\n").map(String.init)
        if lines.count >= count { return lines }
        try await Task.sleep(for: .milliseconds(20))
    }
    Issue.record("\(path) never reached \(count) lines")
    return []
}

@Suite struct QueryLogTests {
    nonisolated(unsafe) static let timestamps: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }()

    /// Concurrent searches over a socket: one whole JSON line each, with what was asked and found.
    @Test func oneLinePerSearchFromConcurrentRequests() async throws {
        let index = try SampleIndex()
        let log = index.directory + "/queries.jsonl"
        let queries = ["q=migration&category=Data", "q=ministers", "q=zzxqy", "category=Search", "q=ministres", "q=migr&prefix=true"]
        try await index.application(configure: { $0.queryLogPath = log }).test(.live) { client in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<60 {
                    group.addTask {
                        try await client.execute(uri: "/search?" + queries[i % 6], method: .get) { #expect($0.status == .ok) }
                    }
                }
                try await group.waitForAll()
            }
            // Refused requests and other endpoints are not searches.
            try await client.execute(uri: "/search?colour=red", method: .get) { #expect($0.status == .badRequest) }
            try await client.execute(uri: "/health", method: .get) { #expect($0.status == .ok) }
        }
        let entries = try await lines(of: log, count: 60).map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
        }
        #expect(entries.count == 60)
        let byQuery = Dictionary(grouping: entries) { $0["q"] as? String ?? "?" }
        #expect(byQuery.mapValues(\.count) == ["migration": 10, "ministers": 10, "zzxqy": 10, "": 10, "ministres": 10, "migr": 10])
        for entry in entries {
            #expect(Set(entry.keys) == ["time", "q", "filters", "sort", "offset", "prefix", "total", "corrected_query", "ms"],
                    "no client address: \(entry.keys)")
            #expect((entry["time"] as? String).flatMap(Self.timestamps.date(from:)) != nil)
            #expect((entry["ms"] as? Double ?? -1) >= 0)
        }
        let filtered = try #require(byQuery["migration"]?.first)
        #expect((filtered["filters"] as? [String: Any])?["category"] as? [String] == ["Data"])
        #expect(filtered["total"] as? Int == 1)
        #expect(byQuery["zzxqy"]?.first?["total"] as? Int == 0)
        #expect(byQuery["ministers"]?.first?["total"] as? Int == 3)
        #expect(byQuery["ministres"]?.first?["corrected_query"] as? String == "ministers", "the typo, and what was searched instead")
        #expect(byQuery["migr"]?.allSatisfy { $0["prefix"] as? Bool == true } == true)
        #expect(byQuery["ministers"]?.allSatisfy { $0["prefix"] as? Bool == false } == true)
    }

    @Test func badPathFailsAtOnce() {
        #expect(throws: PostSearchError.self) { try QueryLog(path: "/nonexistent-folder/queries.jsonl") }
    }

    /// The report counts queries as typed (case and spaces aside), apart from browsing, searches
    /// as you type and unreadable lines.
    @Test func reportRanksQueriesAndQueriesThatFoundNothing() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("postsearch-log-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("queries.jsonl").path
        var lines: [String] = []
        func add(_ q: String, total: Int, times: Int, prefix: Bool? = nil, minute: Int = 0) {
            for _ in 0..<times {
                let prefixField = prefix.map { #","prefix":\#($0)"# } ?? ""
                lines.append(#"{"time":"2026-12-01T10:\#(minute < 10 ? "0" : "")\#(minute):00.000Z","q":"\#(q)","filters":{},"sort":"relevance","offset":0,"total":\#(total),"ms":1.5\#(prefixField)}"#)
            }
        }
        add("Ruby", total: 4, times: 3, minute: 5)
        add("ruby  ", total: 4, times: 2)
        add("rubby", total: 0, times: 4, minute: 59)
        add("python", total: 2, times: 1)
        add("python", total: 0, times: 1)
        add("", total: 19, times: 6)
        add("rub", total: 4, times: 7, prefix: true)
        lines.append("not json")
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)

        let report = try QueryLogReport(path: path, limit: 2)
        #expect(report.searches == 11 && report.noResults == 5)
        #expect(report.browsing == 6 && report.asYouType == 7 && report.unreadable == 1)
        #expect(report.first == "2026-12-01T10:00:00.000Z" && report.last == "2026-12-01T10:59:00.000Z")
        #expect(report.top.map(\.query) == ["ruby", "rubby"] && report.top.map(\.count) == [5, 4])
        #expect(report.topNoResults.map(\.query) == ["rubby", "python"] && report.topNoResults.map(\.count) == [4, 1])

        let withTyping = try QueryLogReport(path: path, includePrefix: true)
        #expect(withTyping.top.first?.query == "rub" && withTyping.top.first?.count == 7)

        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(report.json.utf8)) as? [String: Any])
        #expect(Set(decoded.keys) == ["file", "searches", "no_results", "browsing", "as_you_type", "unreadable_lines", "first", "last",
                                      "top_queries", "top_no_results"])
        let top = try #require(decoded["top_queries"] as? [[String: Any]])
        #expect(top.first?["q"] as? String == "ruby" && top.first?["count"] as? Int == 5 && top.first?["no_results"] as? Int == 0)
    }
}
