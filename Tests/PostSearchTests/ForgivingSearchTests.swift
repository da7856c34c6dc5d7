import Foundation
import Testing
@testable import PostSearch

/// Search that forgives: prefixes while typing, typos corrected, synonyms, recency, proximity
/// and highlights that follow the query.
@Suite(.serialized) struct ForgivingSearchTests {
    static var realExport: String? {
        Fixtures.sharedDirectory.map { ($0 as NSString).appendingPathComponent("corpora/wxr/cc-labs-blog/wordpress.xml") }
    }

    /// The real WordPress export indexed once, with each post's words as the index splits them.
    static func indexedExport(_ dir: TemporaryDirectory, _ file: String) throws -> (Searcher, [String: Set<String>]) {
        let indexer = try Indexer(path: dir.file("index"))
        _ = try indexer.importArchive([file])
        try indexer.close()
        let searcher = try Searcher(path: dir.file("index"))
        let analyzer = try QueryAnalyzer()
        var words: [String: Set<String>] = [:]
        try searcher.forEachPost { post in
            words[post.id] = Set(try analyzer.tokens(of: post.title + "\n" + post.body).compactMap {
                if case .word(let word) = $0 { word } else { nil }
            })
        }
        return (searcher, words)
    }

    /// Words of 5 to 12 letters held by at least `posts` posts, stop words left out, sorted.
    static func commonWords(_ words: [String: Set<String>], inAtLeast posts: Int) -> [String] {
        var counts: [String: Int] = [:]
        for set in words.values { for word in set { counts[word, default: 0] += 1 } }
        let stopwords = Stopwords.list(for: "english")
        return counts.filter { $0.value >= posts && (5...12).contains($0.key.count) && $0.key.allSatisfy { $0.isASCII && $0.isLetter }
            && !stopwords.contains($0.key) }.keys.sorted()
    }

    /// One edit of `word`: a letter dropped, added, changed, or two neighbours swapped.
    static func typo(of word: String, using random: inout SeededRandom) -> String {
        var letters = Array(word)
        let at = Int.random(in: 1..<letters.count - 1, using: &random)
        let letter = "abcdefghijklmnopqrstuvwxyz".randomElement(using: &random)!
        switch Int.random(in: 0..<4, using: &random) {
        case 0: letters.remove(at: at)
        case 1: letters.insert(letter, at: at)
        case 2: letters[at] = letter
        default: letters.swapAt(at, at + 1)
        }
        return String(letters)
    }

    @Test func oneEditTyposFindTheIntendedWord() throws {
        guard let file = Self.realExport else { print(Fixtures.sharedMissingMessage); return }
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let (searcher, words) = try Self.indexedExport(dir, file)
        let stemmer = try XapianStemmer(language: "english")
        var random = SeededRandom(seed: 15)
        var tried = 0, found = 0, corrected = 0
        var misses: [String] = []
        // Words of 6 letters or more, so that a typo keeps the 5 letters autocorrect needs (as Meilisearch).
        for word in Self.commonWords(words, inAtLeast: 3).filter({ $0.count >= 6 }).shuffled(using: &random) where tried < 40 {
            let typo = Self.typo(of: word, using: &random)
            // A typo that is itself a word of the archive is not a typo to it.
            guard typo != word, words.values.allSatisfy({ !$0.contains(typo) }) else { continue }
            tried += 1
            let response = try searcher.search(SearchRequest(query: typo))
            if response.correctedQuery != nil { corrected += 1 }
            let stem = try stemmer.stem(word)
            if let top = response.hits.first, try words[top.post.id]!.contains(where: { try $0 == word || stemmer.stem($0) == stem }) {
                found += 1
            } else {
                misses.append("\(typo)→\(response.correctedQuery ?? "nothing") (meant \(word))")
            }
        }
        print("typos: \(found) of \(tried) one-edit typos put a post holding the intended word first; \(corrected) corrected; misses: \(misses.prefix(6))")
        #expect(tried >= 30)
        #expect(Double(found) / Double(tried) >= 0.9)
        #expect(Double(corrected) / Double(tried) >= 0.9)
    }

    @Test func aWordMinusItsLastTwoLettersFindsItsPosts() throws {
        guard let file = Self.realExport else { print(Fixtures.sharedMissingMessage); return }
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let (searcher, words) = try Self.indexedExport(dir, file)
        var random = SeededRandom(seed: 16)
        var recalls: [Double] = []
        for word in Self.commonWords(words, inAtLeast: 1).shuffled(using: &random).prefix(60) {
            let holders = Set(words.filter { $0.value.contains(word) }.keys)
            var request = SearchRequest(query: String(word.dropLast(2)))
            request.prefix = true
            request.limit = SearchRequest.maxLimit
            var found: Set<String> = []
            while true {
                let response = try searcher.search(request)
                found.formUnion(response.hits.map(\.post.id))
                if request.offset + request.limit >= response.total { break }
                request.offset += request.limit
            }
            recalls.append(Double(holders.intersection(found).count) / Double(holders.count))
        }
        let recall = recalls.reduce(0, +) / Double(recalls.count)
        print("prefix: a word minus its last two letters finds \(String(format: "%.3f", recall)) of the posts holding it (\(recalls.count) words)")
        #expect(recall >= 0.95)
    }

    static let posts: [Post] = [
        Post(id: "treaty", title: "The alliance meets", date: PostDate("2020-01-10"),
             body: "The North Atlantic Treaty Organization met in Brussels to discuss the budget."),
        Post(id: "nato", title: "NATO summit", date: PostDate("2021-03-02"), body: "NATO leaders agreed on a statement."),
        Post(id: "car", title: "A new car", date: PostDate("2022-05-05"), body: "The car was parked outside the garage."),
        Post(id: "automobile", title: "Automobile history", date: PostDate("2019-05-05"), body: "The automobile changed cities."),
        Post(id: "apart", title: "Notes", date: PostDate("2018-02-02"), body: "The garbage was collected; a smart collector came."),
        Post(id: "together", title: "Memory", date: PostDate("2018-02-03"), body: "The garbage collector came; it was smart."),
    ]

    @Test func synonymsExpandBothWaysOrOneWay() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = try Fixtures.index(Self.posts, in: dir)
        let indexer = try Indexer(path: path)
        try indexer.setSynonyms("# alliances\nnato, north atlantic treaty organization\ncar => car, automobile\n")
        try indexer.close()
        let searcher = try Searcher(path: path)
        func ids(_ query: String) throws -> [String] { try searcher.search(SearchRequest(query: query)).hits.map(\.post.id).sorted() }
        #expect(try ids("nato") == ["nato", "treaty"])
        #expect(try ids("North Atlantic Treaty Organization") == ["nato", "treaty"])
        #expect(try ids("car") == ["automobile", "car"])
        #expect(try ids("automobile") == ["automobile"], "one-way: automobile does not find car")
        #expect(try searcher.synonymExpansions()["nato"] == ["nato", "north atlantic treaty organization"])
        let bad = try Indexer(path: path)
        defer { try? bad.close() }
        #expect(throws: PostSearchError.self) { try bad.setSynonyms("lonely\n") }
    }

    @Test func recencyBoostPutsNewerPostsFirst() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        // Posts 0, 60, …, 240 days old; the older a post, the more often it says "release".
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        let posts = (0..<5).map { age in
            Post(id: "age\(age * 60)", title: "Notes \(age)", date: PostDate(day.string(from: Date().addingTimeInterval(Double(-age * 60) * 86_400))),
                 body: String(repeating: "release ", count: 1 + age) + "text of the post")
        }
        let searcher = try Searcher(path: try Fixtures.index(posts, in: dir))
        var request = SearchRequest(query: "release")
        #expect(try searcher.search(request).hits.first?.post.id == "age240", "off by default: BM25 alone")
        request.boost = try RecencyBoost(parsing: "recent:30d")
        let order = try searcher.search(request).hits.map(\.post.id)
        // Fresh posts first; posts several half-lives old keep their text order (the oldest says it most).
        #expect(order == ["age0", "age60", "age240", "age180", "age120"], "\(order)")
        #expect(try searcher.search(request).total == 5, "the boost ranks, it does not filter")
        #expect(throws: PostSearchError.self) { try RecencyBoost(parsing: "recent:soon") }
        #expect(try RecencyBoost(parsing: "recent:2w").halfLifeDays == 14)
    }

    @Test func highlightsFollowTheQuery() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let searcher = try Searcher(path: try Fixtures.index(Self.posts, in: dir))
        let phrase = try #require(try searcher.search(SearchRequest(query: "\"garbage collector\"")).hits.first)
        #expect(phrase.post.id == "together")
        #expect(phrase.snippet.html.contains("<mark>garbage</mark> <mark>collector</mark>"), "\(phrase.snippet.html)")
        let words = try #require(try searcher.search(SearchRequest(query: "garbage collector")).hits.first { $0.post.id == "apart" })
        #expect(words.snippet.html.contains("<mark>garbage</mark> was"), "words alone are marked on their own: \(words.snippet.html)")
        let notPhrase = try SnippetMaker(language: "english").snippet(
            of: "The garbage was collected; a smart collector came.", highlighting: Highlighting(phrases: [["garbage", "collector"]]), length: 200)
        #expect(notPhrase.highlights.isEmpty, "a phrase is marked only where it stands whole")
        let title = try #require(try searcher.search(SearchRequest(query: "summit")).hits.first)
        #expect(title.title.html == "NATO <mark>summit</mark>")
        #expect(try searcher.search(SearchRequest(query: "summit")).json.contains(#""title_html":"NATO <mark>summit</mark>""#))
        var typing = SearchRequest(query: "garb")
        typing.prefix = true
        let typed = try #require(try searcher.search(typing).hits.first)
        #expect(typed.snippet.html.contains("<mark>garbage</mark>"), "a prefix marks the words it begins")
        #expect(try searcher.search(typing).suggestion == nil, "the word being typed is not corrected")
    }

    @Test func proximityRewardsWordsTogether() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let searcher = try Searcher(path: try Fixtures.index(Self.posts, in: dir))
        var request = SearchRequest(query: "smart garbage collector")
        request.proximity = true
        #expect(try searcher.search(request).hits.first?.post.id == "together")
        #expect(try searcher.explain(request).contains("NEAR 4"))
    }

    @Test func autocorrectSaysWhatItSearched() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let posts = (0..<4).map { Post(id: "g\($0)", title: "Goroutines \($0)", body: "Goroutines and channels in practice.") }
        let searcher = try Searcher(path: try Fixtures.index(posts, in: dir))
        let response = try searcher.search(SearchRequest(query: "goroutnes"))
        #expect(response.correctedQuery == "goroutines")
        #expect(response.query == "goroutnes")
        #expect(response.total == 4)
        #expect(response.json.contains(#""corrected_query":"goroutines""#))
        var off = SearchRequest(query: "goroutnes")
        off.autocorrect = false
        let literal = try searcher.search(off)
        #expect(literal.total == 0 && literal.correctedQuery == nil && literal.suggestion == "goroutines")
        #expect(try searcher.search(SearchRequest(query: "chanels")).correctedQuery == "channels", "one edit from 5 letters")
        #expect(try searcher.search(SearchRequest(query: "chanls")).correctedQuery == nil, "two edits only from 9 letters")
        #expect(try searcher.search(SearchRequest(query: "goroutnez")).correctedQuery == "goroutines", "two edits from 9 letters")
        #expect(try searcher.search(SearchRequest(query: "prac")).correctedQuery == nil, "no correction under 5 letters")
        // "Did you mean" never offers what finds nothing: here the filter leaves no post for it.
        var filtered = SearchRequest(query: "goroutnes")
        filtered.autocorrect = false
        #expect(try searcher.search(filtered).suggestion == "goroutines")
        filtered.categories = ["Nowhere"]
        #expect(try searcher.search(filtered).suggestion == nil)
    }
}
