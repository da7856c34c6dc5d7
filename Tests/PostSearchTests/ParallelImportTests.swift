import Foundation
import Testing
@testable import PostSearch

/// `importArchive` with several jobs (`ParallelImport`): the index it leaves is the one the
/// two-thread pipeline leaves, upserts and unchanged posts included, and it appears at once.
struct ParallelImportTests {
    /// Posts as JSON Lines; `version` changes every third post's title, `extra` adds posts.
    static func archive(_ count: Int, version: Int = 0, in dir: TemporaryDirectory, name: String = "posts.jsonl") throws -> String {
        var random = SeededRandom(seed: 7)
        let words = ["harbour", "ferry", "storm", "lighthouse", "tide", "gull", "anchor", "sail", "rope", "keel", "café", "Portorož"]
        let lines = (0..<count).map { i -> String in
            let body = (0..<40).map { _ in words.randomElement(using: &random)! }.joined(separator: " ")
            let title = "Log \(i) " + words[i % words.count] + (version > 0 && i % 3 == 0 ? " revised \(version)" : "")
            let post: [String: Any] = ["id": "post-\(i)", "title": title, "date": "20\(10 + i % 12)-0\(1 + i % 9)-1\(i % 10)",
                                       "author": "Crew \(i % 7)", "categories": ["Sea \(i % 5)", "Port \(i % 3)"], "body": body]
            return String(decoding: try! JSONSerialization.data(withJSONObject: post, options: [.sortedKeys]), as: UTF8.self)
        }
        return try dir.write(name, lines.joined(separator: "\n") + "\n")
    }

    static func importing(_ paths: [String], into path: String, jobs: Int, prune: Bool = false) throws -> IndexReport {
        let indexer = try Indexer(path: path)
        indexer.jobs = jobs
        indexer.postsPerPart = 7  // many parts, merged in tiers
        let report = try indexer.importArchive(paths, prune: prune)
        try indexer.close()
        return report
    }

    /// What a search answers, with ties in any order (docids, which break ties, differ): the
    /// scores of the first 100 hits, and which posts they are when that is all of them.
    static func answers(_ path: String) throws -> [String] {
        let searcher = try Searcher(path: path)
        return try ["harbour", "\"storm tide\"", "gull -rope", "title:revised", "portoroz", ""].map { query in
            var request = SearchRequest(query: query)
            request.limit = 100
            request.facets = [.category, .author, .year]
            let response = try searcher.search(request)
            let hits = response.hits.map { (response.total > 100 ? "" : "\($0.post.id) \($0.post.title) ") + String(format: "%.4f", $0.score) }.sorted()
            let facets = response.facets.map { "\($0.0.name): " + $0.1.map { "\($0.value)=\($0.count)" }.joined(separator: ",") }
            return "\(query) \(response.total) \(hits) \(facets)"
        }
    }

    @Test func oneJobAndThreeJobsLeaveTheSameIndex() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let first = try Self.archive(150, in: dir)
        let second = try Self.archive(180, version: 1, in: dir, name: "second.jsonl")
        var reports: [[Int]] = []
        for jobs in [1, 3] {
            let path = dir.file("index-\(jobs)")
            let one = try Self.importing([first], into: path, jobs: jobs)
            // Every third post changed, 30 new ones: into an index of 150 (merged: over a quarter).
            let two = try Self.importing([second], into: path, jobs: jobs)
            // The same archive again: nothing to write.
            let three = try Self.importing([second], into: path, jobs: jobs)
            reports.append([one.added, two.added, two.updated, two.unchanged, three.unchanged, three.added + three.updated])
            #expect(try Searcher(path: path).documentCount == 180)
            #expect(!FileManager.default.fileExists(atPath: path + ".parts"))
            #expect(!FileManager.default.fileExists(atPath: path + ".compacting"))
        }
        #expect(reports[0] == [150, 30, 50, 100, 180, 0])
        #expect(reports[1] == reports[0])
        for (three, one) in zip(try Self.answers(dir.file("index-3")), try Self.answers(dir.file("index-1"))) {
            #expect(three == one)
        }
    }

    @Test func aPostReadTwiceKeepsItsLastVersionAcrossParts() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let posts = try Self.archive(40, in: dir)
        // The same ids again, every third one changed: 40 posts later, in other parts.
        let again = try Self.archive(40, version: 2, in: dir, name: "again.jsonl")
        let path = dir.file("index")
        let report = try Self.importing([posts, again], into: path, jobs: 2)
        #expect([report.added, report.updated, report.unchanged] as [Int] == [40, 14, 26])
        let searcher = try Searcher(path: path)
        #expect(try searcher.documentCount == 40)
        #expect(try searcher.search(SearchRequest(query: "title:revised")).total == 14)
        #expect(try searcher.post(id: "post-3")?.title == "Log 3 lighthouse revised 2")
    }

    @Test func fewPostsAreCopiedIntoTheIndexInPlace() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.file("index")
        _ = try Self.importing([try Self.archive(100, in: dir)], into: path, jobs: 2)
        let folder = try #require(FolderIdentity(.local(path)))
        // 10 changed posts (every third of the first 30): under a quarter of the index, copied in.
        let report = try Self.importing([try Self.archive(30, version: 3, in: dir, name: "few.jsonl")], into: path, jobs: 2)
        #expect([report.updated, report.unchanged] as [Int] == [10, 20])
        #expect(FolderIdentity(.local(path)) == folder, "written in place, not swapped")
        #expect(try Searcher(path: path).search(SearchRequest(query: "title:revised")).total == 10)
        #expect(try Searcher(path: path).documentCount == 100)
    }

    @Test func pruneRemovesWhatIsGone() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.file("index")
        let folder = dir.file("archive")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let kept = try Self.archive(30, in: dir, name: "archive/a.jsonl")
        let gone = try dir.write("archive/b.jsonl", #"{"id": "lonely", "title": "Lonely", "body": "gull"}"# + "\n")
        _ = try Self.importing([folder], into: path, jobs: 2)
        try FileManager.default.removeItem(atPath: gone)
        let report = try Self.importing([folder], into: path, jobs: 2, prune: true)
        #expect(report.removed == 1 && report.unchanged == 30)
        #expect(try Searcher(path: path).post(id: "lonely") == nil)
        #expect(FileManager.default.fileExists(atPath: kept))
    }

    /// The merged index replaces the old one only when the indexer closes; an indexer that never
    /// closes (a killed import) leaves the index as it was, and its leftovers go next time.
    @Test func theMergeAppearsAtCloseOrNotAtAll() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.file("index")
        _ = try Self.importing([try Self.archive(20, in: dir)], into: path, jobs: 2)
        let searcher = try Searcher(path: path)
        let revision = try searcher.revision
        let bigger = try Self.archive(60, version: 4, in: dir, name: "bigger.jsonl")

        var abandoned: Indexer? = try Indexer(path: path)
        abandoned!.jobs = 2
        _ = try abandoned!.importArchive([bigger])
        #expect(try searcher.documentCount == 20, "not visible before close")
        abandoned = nil
        #expect(try searcher.documentCount == 20)
        #expect(FileManager.default.fileExists(atPath: path + ".compacting"), "the staged copy is left behind")

        let indexer = try Indexer(path: path)
        indexer.jobs = 2
        let report = try indexer.importArchive([bigger])
        #expect(try searcher.documentCount == 20)
        try indexer.close()
        #expect(report.added == 40 && report.updated == 7)
        #expect(try searcher.documentCount == 60)
        #expect(try searcher.revision > revision)
        #expect(!FileManager.default.fileExists(atPath: path + ".compacting"))
    }

    @Test func theRevisionNeverGoesBack() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.file("index")
        var seen: [UInt64] = []
        let searcher = { try Searcher(path: path) }
        _ = try Self.importing([try Self.archive(30, in: dir)], into: path, jobs: 1)
        seen.append(try searcher().revision)
        _ = try Self.importing([try Self.archive(30, version: 1, in: dir, name: "v1.jsonl")], into: path, jobs: 1)
        seen.append(try searcher().revision)
        _ = try Indexer(path: path).compactAndClose()
        seen.append(try searcher().revision)
        _ = try Self.importing([try Self.archive(90, version: 2, in: dir, name: "v2.jsonl")], into: path, jobs: 2)
        seen.append(try searcher().revision)
        let indexer = try Indexer(path: path)
        try indexer.delete(id: "post-1")
        try indexer.close()
        seen.append(try searcher().revision)
        #expect(seen == seen.sorted() && Set(seen).count == seen.count, "\(seen)")
    }
}
