import ArgumentParser
import Foundation
import PostSearch

extension SearchRequest.Sort: ExpressibleByArgument {}

/// `postsearch search [QUERY]`
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the index and print the best matching posts.",
        discussion: """
        Query syntax: words (any may match; posts with more of them rank first), "exact phrases", AND / OR / NOT, +word / -word,
        parentheses, trailing * wildcards, and fields title:, author:, category:, tag:.
        An empty query lists every post, newest first.

        Examples:
          postsearch search ministers
          postsearch search '"western balkans" -austria' --sort newest
          postsearch search migra* --category Activities --from 2021-01 --to 2021-12
          postsearch search --facets category,author,year --limit 0
          postsearch search ministers --json
        """
    )

    @Argument(help: ArgumentHelp("The query; several words are joined with spaces.", valueName: "query"))
    var words: [String] = []

    @OptionGroup var location: IndexLocation

    @OptionGroup var options: SearchOptions

    func request() throws -> SearchRequest {
        var request = SearchRequest(query: words.joined(separator: " "))
        try options.apply(to: &request)
        return request
    }

    @Flag(help: "Print the Xapian query the search would run (how its words were read, stemmed and combined) instead of results.")
    var explain = false

    func run() throws {
        let response: SearchResponse
        do {
            let searcher = try location.searcher()
            if explain {
                print(try searcher.explain(try request()))
                return
            }
            response = try searcher.search(try request())
        } catch {
            throw ExitCode(reportFailure(error))
        }
        printResponse(response, json: options.json)
    }
}

/// Filters, order, paging, facets and output: shared by `search` and `related`.
struct SearchOptions: ParsableArguments {
    @Option(name: .customLong("category"), help: ArgumentHelp("Only posts in this category (repeat for any of several).", valueName: "name"))
    var categories: [String] = []

    @Option(name: .customLong("author"), help: ArgumentHelp("Only posts by this author (repeat for any of several).", valueName: "name"))
    var authors: [String] = []

    @Option(name: .customLong("tag"), help: ArgumentHelp("Only posts with this tag (repeat for any of several).", valueName: "tag"))
    var tags: [String] = []

    @Option(help: ArgumentHelp("Only posts on or after this date: YYYY, YYYY-MM, YYYY-MM-DD or an ISO timestamp.", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("Only posts on or before this date (inclusive; same forms as --from).", valueName: "date"))
    var to: String?

    @Option(help: ArgumentHelp("Order of results.", valueName: "relevance|newest|oldest"))
    var sort: SearchRequest.Sort = .relevance

    @Option(help: ArgumentHelp("Number of results (0 to \(SearchRequest.maxLimit)).", valueName: "n"))
    var limit = 10

    @Option(help: ArgumentHelp("Skip this many results (for pages).", valueName: "n"))
    var offset = 0

    @Option(help: ArgumentHelp("Comma-separated facets to count: category, author, tag, year, month.", valueName: "list"))
    var facets: String?

    @Option(help: ArgumentHelp("Values shown per facet (0 for all; year always lists every year).", valueName: "n"))
    var facetLimit = 10

    @Option(name: .customLong("language"), help: ArgumentHelp("Only posts in this language (en, fr, ja, … or a name: french), the query's words stemmed in it alone (repeat for any of several). Default: every language.", valueName: "code"))
    var languages: [String] = []

    @Flag(name: .customLong("no-suggest"), help: "Do not suggest spelling corrections.")
    var noSuggest = false

    @Flag(help: "Print exactly one JSON object (shape in the README).")
    var json = false

    func apply(to request: inout SearchRequest) throws {
        request.categories = categories
        request.authors = authors
        request.tags = tags
        request.languages = languages.flatMap { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
        request.from = from
        request.to = to
        request.sort = sort
        request.limit = limit
        request.offset = offset
        request.facets = try facets.map(Facet.parseList) ?? []
        request.facetLimit = facetLimit
        request.suggest = !noSuggest
        try request.validate()
    }
}
