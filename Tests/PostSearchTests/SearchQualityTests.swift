import Foundation
import Testing
@testable import PostSearch

/// Accents, suggestions, query syntax, multi-select facets and related posts.
@Suite struct SearchQualityTests {
    static let posts: [Post] = [
        Post(id: "a", title: "Meeting in Portorož", date: PostDate("2021-06-19"), authors: ["Ana Živković"],
             categories: ["Activities", "International event"], body: "The ministers met in Portorož and discussed migration and asylum.",
             language: "en"),
        Post(id: "b", title: "Café culture", date: PostDate("2021-06-30T23:30:00"), authors: ["Marko"], categories: ["Café", "Culture"],
             tags: ["coffee"], body: "A cafe on the coast served coffee to the ministers' advisers.", language: "en"),
        Post(id: "c", title: "Recherche", date: PostDate("2022-01-05"), authors: ["Claire"], categories: ["Culture"],
             body: "Le café et la recherche plein texte.", language: "fr"),
        Post(id: "d", title: "Migration data", date: PostDate("2020-12-31"), authors: ["Ana Živković"], categories: ["Data"],
             body: "Data on migration routes and asylum requests, published for researchers.", language: "en"),
        Post(id: "e", title: "Asylum statistics", authors: ["Marko"], categories: ["Data", "Activities"],
             body: "Statistics on asylum requests in the region.", language: "en"),
    ]

    func makeSearcher() throws -> (Searcher, TemporaryDirectory) {
        let dir = try TemporaryDirectory()
        return (try Searcher(path: try Fixtures.index(Self.posts, in: dir)), dir)
    }

    func ids(_ searcher: Searcher, _ query: String, _ configure: (inout SearchRequest) -> Void = { _ in }) throws -> [String] {
        var request = SearchRequest(query: query)
        configure(&request)
        return try searcher.search(request).hits.map(\.post.id).sorted()
    }

    @Test func foldingIsLatinOnlyAndIdentical() {
        #expect(TextFolding.fold("Portorož Živković café Øresund Straße Łódź") == "Portoroz Zivkovic cafe Oresund Strasse Lodz")
        #expect(TextFolding.fold("cafe\u{301}") == "cafe", "combining accent")
        #expect(TextFolding.fold("Йошкар-Ола") == "Йошкар-Ола", "Cyrillic keeps its letters")
        #expect(TextFolding.fold("plain ascii") == "plain ascii")
    }

    @Test func accentsAndCaseAreIgnoredBothWays() throws {
        let (searcher, dir) = try makeSearcher()
        defer { dir.cleanUp() }
        #expect(try ids(searcher, "portoroz") == ["a"])
        #expect(try ids(searcher, "PORTOROŽ") == ["a"])
        #expect(try ids(searcher, "author:zivkovic") == ["a", "d"])
        #expect(try ids(searcher, "cafe") == ["b", "c"], "every language the index holds: post c is French")
        #expect(try ids(searcher, "café") { $0.languages = ["en", "fr"] } == ["b", "c"])
        #expect(try ids(searcher, "cafe") { $0.languages = ["fr"] } == ["c"], "only French posts")
        #expect(try ids(searcher, "cafe") { $0.languages = ["english"] } == ["b"], "names are accepted")
        #expect(try ids(searcher, "") { $0.categories = ["cafe"] } == ["b"], "filters fold too")
        #expect(try ids(searcher, "") { $0.authors = ["ana zivkovic"] } == ["a", "d"])
        // The snippet shows and marks the word as written.
        let hit = try #require(try searcher.search(SearchRequest(query: "portoroz")).hits.first)
        #expect(hit.snippet.html.contains("<mark>Portorož</mark>"), "\(hit.snippet)")
    }

    @Test func didYouMean() throws {
        let (searcher, dir) = try makeSearcher()
        defer { dir.cleanUp() }
        func literal(_ query: String) -> SearchRequest {
            var request = SearchRequest(query: query)
            request.autocorrect = false
            return request
        }
        #expect(try searcher.search(literal("ministres")).suggestion == "ministers")
        #expect(try searcher.search(literal("asylum migraton")).suggestion == "asylum migration")
        #expect(try searcher.search(literal("asylum")).suggestion == nil)
        #expect(try searcher.search(SearchRequest(query: "asylum migraton")).correctedQuery == "asylum migration")
    }

    @Test func queryLanguage() throws {
        let (searcher, dir) = try makeSearcher()
        defer { dir.cleanUp() }
        #expect(try ids(searcher, "asylum NEAR migration") == ["a", "d"])
        #expect(try ids(searcher, "routes ADJ/3 asylum") == ["d"])
        #expect(try ids(searcher, "asylum ADJ/3 routes") == [], "ADJ keeps the order")
        #expect(try ids(searcher, "asylum -migration") == ["e"])
        #expect(try ids(searcher, "+asylum statistics") == ["a", "d", "e"])
        #expect(try searcher.search(SearchRequest(query: "+asylum statistics")).hits.first?.post.id == "e")
        #expect(try ids(searcher, "migr*") == ["a", "d"])
        #expect(try ids(searcher, "lang:fr") == ["c"])
        #expect(try ids(searcher, "culture lang:en") == ["b"])
        #expect(try ids(searcher, "category:\"international event\"") == ["a"])
        // Words are ORed, posts with more of them first; stop words are left out of queries.
        #expect(try ids(searcher, "asylum zebra") == ["a", "d", "e"])
        #expect(try searcher.search(SearchRequest(query: "asylum requests")).hits.prefix(2).map(\.post.id).sorted() == ["d", "e"])
        #expect(try ids(searcher, "the asylum") { $0.languages = ["en"] } == ["a", "d", "e"], "not every post: 'the' is an English stop word")
        #expect(try ids(searcher, "the asylum").contains("b"), "in an English and French index 'the' is no French stop word, so it is kept")
        #expect(try ids(searcher, "migration AND asylum") == ["a", "d"])
        // Unparseable syntax is retried as plain words, and is an error only when that finds nothing.
        #expect(try ids(searcher, "asylum AND (") == ["a", "d", "e"])
        #expect(throws: PostSearchError.self) { try searcher.search(SearchRequest(query: "zebra AND (")) }
    }

    @Test(arguments: [
        ("date:2021-06-01..2021-06-30", ["a", "b"]),
        ("date:2021..2022", ["a", "b", "c"]),
        ("date:2021-06", ["a", "b"]),
        ("date:2021-06-30", ["b"]),
        ("date:..2020-12-31", ["d"]),
        ("date:2021-07..", ["c"]),
        ("year:2021", ["a", "b"]),
        ("migration year:2020", ["d"]),
        ("\"date:2021\"", []),
    ])
    func datesInTheQuery(query: String, expected: [String]) throws {
        let (searcher, dir) = try makeSearcher()
        defer { dir.cleanUp() }
        #expect(try ids(searcher, query) == expected, "\(query)")
    }

    @Test(arguments: ["date:2021-13", "date:2021-02-30", "year:21", "date:2022..2021", "date:.."])
    func badDatesInTheQueryAreUserErrors(query: String) throws {
        let (searcher, dir) = try makeSearcher()
        defer { dir.cleanUp() }
        #expect(throws: PostSearchError.self) { try searcher.search(SearchRequest(query: query)) }
    }

    @Test func wideWildcardsAreRefused() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let posts = (0..<20).map { Post(id: "w\($0)", title: "t", body: "word\($0) common") }
        let searcher = try Searcher(path: try Fixtures.index(posts, in: dir))
        searcher.maxWildcardExpansion = 12
        #expect(throws: PostSearchError.self) { try searcher.search(SearchRequest(query: "word*")) }
        #expect(try searcher.search(SearchRequest(query: "word1*")).total == 11)
    }

    /// ORed wildcards make Xapian's estimate wild ("30" for 20 matches here, "2,000" for 30 in a
    /// bigger index); totals below 10,000 are counted exactly, so pages add up.
    @Test func wildcardTotalsAreExact() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let posts = (0..<30).map { k in
            Post(id: "zq-\(k)", title: "Numbered \(k)", body: (0..<100).map { String(format: "zq%04d", k * 100 + $0) }.joined(separator: " "))
        }
        let searcher = try Searcher(path: try Fixtures.index(posts, in: dir))
        var request = SearchRequest(query: "zq0* zq1*")
        #expect(try searcher.search(request).total == 20)
        request.offset = 15
        request.limit = 10
        let page = try searcher.search(request)
        #expect(page.total == 20 && page.hits.count == 5)
    }

    @Test func multiSelectFacets() throws {
        let (searcher, dir) = try makeSearcher()
        defer { dir.cleanUp() }
        var request = SearchRequest()
        request.categories = ["Data", "Nonexistent"]
        request.facets = [.category, .author, .year]
        let response = try searcher.search(request)
        #expect(response.hits.map(\.post.id).sorted() == ["d", "e"])
        let categories = try #require(response.facetValues(.category))
        // Counted as if the category filter were absent: every category of all five posts.
        #expect(Dictionary(uniqueKeysWithValues: categories.map { ($0.value, $0.count) })
                == ["Activities": 2, "Culture": 2, "Data": 2, "International event": 1, "Café": 1, "Nonexistent": 0])
        #expect(categories.filter(\.selected).map(\.value).sorted() == ["Data", "Nonexistent"])
        // The other facets reflect the category selection.
        #expect(response.facetValues(.author)?.map(\.value) == ["Ana Živković", "Marko"])
        #expect(response.facetValues(.year)?.map(\.value) == ["2020", "unknown"])
        // Two values of one facet mean either; another facet's filter narrows the category counts.
        request.authors = ["marko"]
        let narrowed = try searcher.search(request)
        #expect(narrowed.hits.map(\.post.id) == ["e"])
        #expect(narrowed.facetValues(.category)?.first { $0.value == "Café" }?.count == 1)
        #expect(narrowed.facetValues(.author)?.first { $0.value == "Ana Živković" }?.count == 1, "author counted without its own filter")
        // A date range selects year buckets.
        var dated = SearchRequest()
        dated.from = "2021"
        dated.to = "2021"
        dated.facets = [.year, .month]
        let years = try searcher.search(dated)
        #expect(years.total == 2)
        #expect(years.facetValues(.year)?.map(\.value) == ["2022", "2021", "2020", "unknown"])
        #expect(years.facetValues(.year)?.filter(\.selected).map(\.value) == ["2021"])
    }

    @Test func relatedPosts() throws {
        let (searcher, dir) = try makeSearcher()
        defer { dir.cleanUp() }
        let related = try #require(try searcher.related(to: "d", SearchRequest()))
        let ids = related.hits.map(\.post.id)
        #expect(!ids.contains("d"), "not the post itself")
        #expect(ids.first == "e" || ids.first == "a", "shares asylum/requests/migration: \(ids)")
        var filtered = SearchRequest()
        filtered.categories = ["Activities"]
        filtered.facets = [.category]
        let narrowed = try #require(try searcher.related(to: "d", filtered))
        #expect(Set(narrowed.hits.map(\.post.id)).isSubset(of: ["a", "e"]))
        #expect(narrowed.facetValues(.category) != nil)
        #expect(try searcher.related(to: "nope", SearchRequest()) == nil)
    }
}
