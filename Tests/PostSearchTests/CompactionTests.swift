import Foundation
import Testing
@testable import PostSearch

/// `Indexer.compactAndClose()`: same answers from less disk, while searchers keep working.
struct CompactionTests {
    /// 600 posts written one commit at a time leave the B-tree blocks part-empty.
    static func posts(_ range: Range<Int>) -> [Post] {
        var random = SeededRandom(seed: 11)
        let words = ["harbour", "ferry", "storm", "lighthouse", "tide", "gull", "anchor", "sail", "rope", "keel"]
        return range.map { i in
            Post(id: "post-\(i)", title: "Log \(i) " + words[i % words.count], authors: ["Crew \(i % 7)"],
                 categories: ["Sea \(i % 5)", "Port \(i % 3)"],
                 body: (0..<60).map { _ in words.randomElement(using: &random)! }.joined(separator: " "))
        }
    }

    static func answers(_ searcher: Searcher) throws -> [String] {
        try ["harbour", "\"storm tide\"", "gull -rope", "title:ferry", ""].map { query in
            var request = SearchRequest(query: query)
            request.facets = [.category, .author]
            return try searcher.search(request).json
        }
    }

    @Test(arguments: [nil, 2] as [Int?]) func sameAnswersFromLessDisk(shards: Int?) throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.file("index")
        let indexer = try Indexer(path: path, batchSize: 1, shards: shards)
        for post in Self.posts(0..<600) { try indexer.index(post) }
        try indexer.close()
        let searcher = try Searcher(path: path)
        searcher.keepsFacetColumns = true
        let before = try Self.answers(searcher)

        let report = try Indexer(path: path).compactAndClose()
        #expect(report.bytesAfter < report.bytesBefore * 3 / 4, "\(report.bytesBefore) → \(report.bytesAfter)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: shards == nil ? dir.path : path)
        #expect(!leftovers.contains { $0.hasSuffix(".compacting") })
        // The searcher opened before the swap answers from the compacted folder, the same.
        #expect(try Self.answers(searcher) == before)
        #expect(try Self.answers(try Searcher(path: path)) == before)

        // The compacted index takes new posts, and the same searcher sees them.
        let more = try Indexer(path: path)
        for post in Self.posts(600..<610) { try more.index(post) }
        try more.close()
        #expect(try searcher.documentCount == 610)
        #expect(try searcher.search(SearchRequest(query: "\"log 605\"")).hits.map(\.post.id) == ["post-605"])
    }

    @Test func aLeftoverCopyFromAKilledCompactionIsReplaced() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = try Fixtures.index(Self.posts(0..<20), in: dir)
        try dir.write("index.compacting/junk", "left by a killed compaction")
        _ = try Indexer(path: path).compactAndClose()
        #expect(try Searcher(path: path).documentCount == 20)
        #expect(!FileManager.default.fileExists(atPath: path + ".compacting"))
    }

    @Test func anotherWriterWaitsForTheCompaction() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = try Fixtures.index(Self.posts(0..<5), in: dir)
        let compacting = try Indexer(path: path)
        #expect(throws: PostSearchError.indexLocked(path: path)) { try Indexer(path: path) }
        _ = try compacting.compactAndClose()
        try Indexer(path: path).close()
    }
}
