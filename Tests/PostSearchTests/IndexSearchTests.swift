import Foundation
import Testing
@testable import PostSearch

@Suite struct IndexSearchTests {
    static let posts: [Post] = [
        Post(id: "p1", title: "Ministerial meeting in Portorož", date: PostDate("2021-06-19"), authors: ["admin-iisg"],
             categories: ["Activities", "International event"], tags: ["slovenia"],
             body: "The home affairs ministers of the Western Balkans met to discuss migration."),
        Post(id: "p2", title: "Training on forensics", date: PostDate("2021-09-02T10:00:00Z"), authors: ["Ana"],
             categories: ["Training"], tags: ["cybercrime"], body: "Investigators trained on digital forensics and migration data."),
        Post(id: "p3", title: "Annual report", date: PostDate("2022-02-28"), authors: ["Marko", "Ana"],
             categories: ["Publications", "Activities"], body: "The report covers the western region and the balkans budget."),
        Post(id: "p4", title: "Office closed", authors: ["admin-iisg"], categories: ["Announcements"],
             body: "The office is closed for the holidays."),
    ]

    /// A searcher over `posts` in a new temporary index (remove `dir` when done).
    func makeIndex() throws -> (searcher: Searcher, dir: TemporaryDirectory) {
        let dir = try TemporaryDirectory()
        let path = try Fixtures.index(Self.posts, in: dir)
        return (try Searcher(path: path), dir)
    }

    @Test func upsertKeepsOnePostPerId() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = try Fixtures.index(Self.posts, in: dir)
        let indexer = try Indexer(path: path)
        #expect(try indexer.index(Self.posts[0]) == .unchanged)
        var changed = Self.posts[1]
        changed.title = "Training on digital forensics"
        #expect(try indexer.index(changed) == .updated)
        #expect(try indexer.index(Post(id: "p5", title: "New")) == .added)
        try indexer.close()
        let searcher = try Searcher(path: path)
        #expect(try searcher.documentCount == 5)
        #expect(try searcher.post(id: "p2")?.title == "Training on digital forensics")
        #expect(try searcher.search(SearchRequest(query: "title:forensics")).total == 1)
    }

    @Test func wordsPhrasesFieldsAndOperators() throws {
        let (searcher, dir) = try makeIndex()
        defer { dir.cleanUp() }
        func ids(_ query: String) throws -> [String] { try searcher.search(SearchRequest(query: query)).hits.map(\.post.id).sorted() }
        #expect(try ids("migration") == ["p1", "p2"])
        #expect(try ids("ministers") == ["p1"])
        #expect(try ids("minister") == ["p1"], "stemming")
        #expect(try ids("\"western balkans\"") == ["p1"], "phrase: p3 has both words apart")
        #expect(try ids("western balkans") == ["p1", "p3"])
        #expect(try ids("migration -forensics") == ["p1"])
        #expect(try ids("migration NOT forensics") == ["p1"])
        #expect(try ids("forensics OR holidays") == ["p2", "p4"])
        #expect(try ids("author:ana") == ["p2", "p3"])
        #expect(try ids("category:training") == ["p2"])
        #expect(try ids("category:\"international event\"") == ["p1"])
        #expect(try ids("tag:cybercrime") == ["p2"])
        #expect(try ids("title:report") == ["p3"])
        #expect(try ids("invest*") == ["p2"])
        #expect(try ids("(closed OR report) AND title:annual") == ["p3"])
    }

    @Test func titleOutranksBody() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = try Fixtures.index([
            Post(id: "body", title: "Something else", body: "A word about budgets and other things in a longer text."),
            Post(id: "title", title: "Budgets", body: "A word about other things in a longer text here."),
        ], in: dir)
        let hits = try Searcher(path: path).search(SearchRequest(query: "budgets")).hits
        #expect(hits.map(\.post.id) == ["title", "body"])
    }

    @Test func filtersAndDates() throws {
        let (searcher, dir) = try makeIndex()
        defer { dir.cleanUp() }
        func ids(_ configure: (inout SearchRequest) -> Void) throws -> [String] {
            var request = SearchRequest()
            configure(&request)
            return try searcher.search(request).hits.map(\.post.id).sorted()
        }
        #expect(try ids { $0.categories = ["activities"] } == ["p1", "p3"], "case-insensitive")
        #expect(try ids { $0.categories = ["Training", "Publications"] } == ["p2", "p3"], "OR within a field")
        #expect(try ids { $0.categories = ["Activities"]; $0.authors = ["Ana"] } == ["p3"], "AND across fields")
        #expect(try ids { $0.tags = ["slovenia"] } == ["p1"])
        #expect(try ids { $0.from = "2021-09-02"; $0.to = "2021-09-02" } == ["p2"], "inclusive, with a time")
        #expect(try ids { $0.from = "2021" ; $0.to = "2021" } == ["p1", "p2"])
        #expect(try ids { $0.from = "2021-07" } == ["p2", "p3"])
        #expect(try ids { $0.to = "2021-06-19" } == ["p1"])
        #expect(try ids { $0.query = "migration"; $0.from = "2021-09-02T09:00:00" } == ["p2"])
    }

    @Test func sortOrdersAndBrowseMode() throws {
        let (searcher, dir) = try makeIndex()
        defer { dir.cleanUp() }
        var request = SearchRequest()
        #expect(try searcher.search(request).hits.map(\.post.id) == ["p3", "p2", "p1", "p4"], "browse: newest first, undated last")
        request.sort = .oldest
        #expect(try searcher.search(request).hits.map(\.post.id).filter { $0 != "p4" } == ["p1", "p2", "p3"])
        request = SearchRequest(query: "migration OR report")
        request.sort = .newest
        #expect(try searcher.search(request).hits.map(\.post.id) == ["p3", "p2", "p1"])
        request.limit = 1
        request.offset = 1
        let page = try searcher.search(request)
        #expect(page.hits.map(\.post.id) == ["p2"])
        #expect(page.total == 3)
    }

    @Test func facetsCountEveryValueOfEveryPost() throws {
        let (searcher, dir) = try makeIndex()
        defer { dir.cleanUp() }
        var request = SearchRequest()
        request.facets = [.category, .author, .year, .month]
        let response = try searcher.search(request)
        #expect(response.total == 4)
        let categories = try #require(response.facetValues(.category))
        #expect(categories.map(\.value) == ["Activities", "Announcements", "International event", "Publications", "Training"])
        #expect(categories.map(\.count) == [2, 1, 1, 1, 1])
        #expect(response.facetValues(.author)?.first?.value == "Ana")
        #expect(response.facetValues(.author)?.first?.count == 2)
        #expect(response.facetValues(.year)?.map(\.value) == ["2022", "2021", "unknown"])
        #expect(response.facetValues(.year)?.map(\.count) == [1, 2, 1])
        #expect(response.facetValues(.month)?.map(\.value) == ["2022-02", "2021-09", "2021-06", "unknown"])
        #expect(response.facetValues(.tag) == nil, "only the facets asked for")
    }

    /// Counted by Xapian's match spies and by the in-memory columns alike.
    @Test(arguments: [false, true]) func facetCountsMatchCountsComputedHere(columns: Bool) throws {
        var random = SeededRandom(seed: 7)
        let categories = (0..<12).map { "Category \($0)" }
        let authors = (0..<6).map { "Author \($0)" }
        let words = ["alpha", "beta", "gamma", "delta", "epsilon"]
        let posts: [Post] = (0..<400).map { i in
            let cats = Array(Set((0..<Int.random(in: 0...4, using: &random)).map { _ in categories.randomElement(using: &random)! })).sorted()
            let year = Int.random(in: 2015...2022, using: &random)
            let dated = Int.random(in: 0..<10, using: &random) > 0
            return Post(id: "gen-\(i)", title: "Post \(i)",
                        date: dated ? PostDate(year: year, month: Int.random(in: 1...12, using: &random), day: 1) : nil,
                        authors: [authors.randomElement(using: &random)!], categories: cats,
                        body: (0..<8).map { _ in words.randomElement(using: &random)! }.joined(separator: " "))
        }
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let searcher = try Searcher(path: try Fixtures.index(posts, in: dir))
        searcher.keepsFacetColumns = columns
        for (query, filter) in [("", nil), ("alpha", nil), ("beta gamma", "Category 3"), ("delta -epsilon", nil)] as [(String, String?)] {
            var request = SearchRequest(query: query)
            request.facets = [.category, .author, .year]
            request.facetLimit = 0
            if let filter { request.categories = [filter] }
            let response = try searcher.search(request)
            func matches(_ post: Post, categoryFilter: String?) -> Bool {
                let bodyWords = Set(post.body.split(separator: " ").map(String.init))
                let textOK: Bool
                switch query {
                case "alpha": textOK = bodyWords.contains("alpha")
                case "beta gamma": textOK = bodyWords.contains("beta") || bodyWords.contains("gamma")
                case "delta -epsilon": textOK = bodyWords.contains("delta") && !bodyWords.contains("epsilon")
                default: textOK = true
                }
                return textOK && (categoryFilter.map { post.categories.contains($0) } ?? true)
            }
            let matching = posts.filter { matches($0, categoryFilter: filter) }
            // The category facet is counted as if its own filter were absent (multi-select).
            let matchingButCategory = posts.filter { matches($0, categoryFilter: nil) }
            #expect(response.total == matching.count, "total for \(query)")
            var expected: [String: Int] = [:]
            for post in matchingButCategory { for category in post.categories { expected[category, default: 0] += 1 } }
            let got = Dictionary(uniqueKeysWithValues: response.facetValues(.category)!.map { ($0.value, $0.count) })
            #expect(got == expected, "category counts for \(query)")
            let selected = response.facetValues(.category)!.filter(\.selected).map(\.value)
            #expect(selected == (filter.map { [$0] } ?? []))
            var years: [String: Int] = [:]
            for post in matching { years[post.date?.yearString ?? "unknown", default: 0] += 1 }
            let gotYears = Dictionary(uniqueKeysWithValues: response.facetValues(.year)!.map { ($0.value, $0.count) })
            #expect(gotYears == years, "year counts for \(query)")
            let counts = response.facetValues(.category)!.map(\.count)
            #expect(counts == counts.sorted(by: >), "ordered by count")
        }
    }

    @Test func snippetsMarkMatchesAndEscapeHTML() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = try Fixtures.index([
            Post(id: "x", title: "<script>alert(1)</script>", body: "Tom & Jerry <b>discussed</b> the migration of birds at length."),
        ], in: dir)
        let hit = try #require(try Searcher(path: path).search(SearchRequest(query: "migration")).hits.first)
        #expect(hit.snippet.html.contains("<mark>migration</mark>"))
        #expect(hit.snippet.html.contains("Tom &amp; Jerry &lt;b&gt;discussed"))
        #expect(hit.score > 0)
        let json = try Searcher(path: path).search(SearchRequest(query: "migration")).json
        #expect(json.contains("\"title\":\"<script>alert(1)</script>\""), "JSON keeps the title as data")
    }

    @Test func suggestionsComeFromTheIndexVocabulary() throws {
        let (searcher, dir) = try makeIndex()
        defer { dir.cleanUp() }
        var literal = SearchRequest(query: "migratoin")
        literal.autocorrect = false
        let response = try searcher.search(literal)
        #expect(response.total == 0)
        #expect(response.suggestion == "migration")
        var quiet = literal
        quiet.suggest = false
        #expect(try searcher.search(quiet).suggestion == nil)
        #expect(try searcher.search(SearchRequest(query: "migration")).suggestion == nil)
        let corrected = try searcher.search(SearchRequest(query: "migratoin"))
        #expect(corrected.correctedQuery == "migration" && corrected.total > 0 && corrected.suggestion == nil, "autocorrect, on by default")
    }

    @Test func facetColumnsFollowCommits() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = try Fixtures.index([Post(id: "a", title: "One", categories: ["Cats", "Dogs"], body: "pets")], in: dir)
        let searcher = try Searcher(path: path)
        searcher.keepsFacetColumns = true
        var request = SearchRequest(query: "pets")
        request.facets = [.category]
        #expect(try searcher.search(request).facetValues(.category)?.map(\.count) == [1, 1])
        let indexer = try Indexer(path: path)
        try indexer.index(Post(id: "b", title: "Two", categories: ["Dogs", "Birds", "Fish"], body: "pets"))
        _ = try indexer.delete(id: "a")
        try indexer.close()
        let after = try searcher.search(request).facetValues(.category)
        #expect(after?.map(\.value) == ["Birds", "Dogs", "Fish"])
        #expect(after?.map(\.count) == [1, 1, 1])
    }

    @Test func aWordTheIndexHoldsIsNeverCorrected() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        // "bird" is in two posts, "birds" (one letter away) in four: Xapian alone would suggest
        // "birds" for "bird"; a word some post holds is left alone.
        let posts = (0..<6).map { Post(id: "p\($0)", title: "Post \($0)", body: $0 < 2 ? "a bird sang" : "the birds flew") }
        let searcher = try Searcher(path: try Fixtures.index(posts, in: dir))
        func suggestion(_ query: String) throws -> String? {
            var request = SearchRequest(query: query)
            request.autocorrect = false
            return try searcher.search(request).suggestion
        }
        #expect(try suggestion("bird") == nil)
        #expect(try suggestion("birdz") == "birds")
        #expect(try suggestion("bird flwe") == "bird flew")
        #expect(try suggestion("title:birdz") == nil, "fields are not corrected")
        #expect(try searcher.search(SearchRequest(query: "bird")).correctedQuery == nil, "nor by autocorrect")
    }

    @Test func plainWordsLeaveOutFieldsOperatorsAndWildcards() throws {
        let text = "Bird AND title:sang -flew NEAR/3 \"old tree\" mig* don't"
        let words = Searcher.correctableWords(try QueryParser().parse(text), in: text)
        #expect(words.map(\.word) == ["bird", "flew", "old", "tree", "don", "t"])
        #expect(words.map { String(text[$0.range]) } == ["Bird", "flew", "old", "tree", "don", "t"])
    }

    @Test func badRequestsAreUserErrors() throws {
        let (searcher, dir) = try makeIndex()
        defer { dir.cleanUp() }
        func error(_ configure: (inout SearchRequest) -> Void) -> PostSearchError? {
            var request = SearchRequest()
            configure(&request)
            do { _ = try searcher.search(request); return nil } catch { return error as? PostSearchError }
        }
        #expect(error { $0.query = "foo AND (" }?.code == "bad_query")
        #expect(error { $0.query = "a*" }?.code == nil || error { $0.query = "a*" }?.code == "bad_query")
        #expect(error { $0.limit = 101 }?.code == "bad_parameter")
        #expect(error { $0.limit = -1 }?.code == "bad_parameter")
        #expect(error { $0.offset = -5 }?.code == "bad_parameter")
        #expect(error { $0.from = "2021-13" }?.code == "bad_parameter")
        #expect(error { $0.from = "2022"; $0.to = "2021" }?.code == "bad_parameter")
        #expect(throws: PostSearchError.self) { try Facet.parseList("category,colour") }
    }

    @Test func missingIndexSaysHowToCreateOne() {
        #expect(throws: PostSearchError.indexNotFound(path: "/nonexistent/postsearch")) {
            try Searcher(path: "/nonexistent/postsearch")
        }
        #expect(PostSearchError.indexNotFound(path: "x").description.contains("postsearch index"))
    }

    @Test func secondIndexerIsRefusedWithASentence() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let first = try Indexer(path: dir.file("index"))
        #expect(throws: PostSearchError.indexLocked(path: dir.file("index"))) { try Indexer(path: dir.file("index")) }
        try first.close()
    }

    @Test func sampleArchiveAndXapianTools() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let indexer = try Indexer(path: dir.file("index"))
        let report = try indexer.importArchive([Fixtures.sampleArchive])
        try indexer.close()
        #expect(report.failed == 0)
        #expect(report.added == 18)
        let again = try Indexer(path: dir.file("index"))
        let second = try again.importArchive([Fixtures.sampleArchive])
        try again.close()
        #expect(second.unchanged == 18 && second.added == 0 && second.totalPosts == 18)

        // Xapian's own tools read the index (skipped where xapian-tools is not installed).
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/quest") else { print("xapian-tools absent; skipping"); return }
        let quest = Process()
        quest.executableURL = URL(fileURLWithPath: "/usr/bin/quest")
        // Terms are accent-folded, so Xapian's own tools search with folded words.
        quest.arguments = ["-d", dir.file("index"), "-p", "title:S", "title:portoroz"]
        let pipe = Pipe()
        quest.standardOutput = pipe
        try quest.run()
        quest.waitUntilExit()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(output.contains("1 matches"), "quest said: \(output)")
        #expect(output.contains("blog/2021/portoroz"))
    }
}
