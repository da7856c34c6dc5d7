import ArgumentParser
import Foundation
import PostSearch

/// `postsearch search [QUERY]`
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the index and print the best matching posts.",
        discussion: """
        Query syntax: words (any may match; posts with more of them rank first); "exact phrases"; AND, OR, NOT, XOR (upper case), +word (must), -word (must not) and parentheses; a NEAR b and a NEAR/3 b (within 10 or 3 words), a ADJ b (also in that order); trailing * wildcards (migra*); fields title:, author:, category:, tag:, lang: (author:, category:, tag: and lang: select as --author, --category, --tag and --language do); date:2021-06, date:2021-06-01..2021-06-30, date:..2020-12-31 and year:2021. Words are found in every language the index holds, accents and case aside; Chinese, Japanese and Korean text by its characters.

        An empty query, or one of filters only, lists posts newest first. A word in no post is corrected (the output says so; --no-autocorrect searches it as written).

        Examples:
          postsearch search ministers
          postsearch search '"western balkans" -austria' --sort newest
          postsearch search migra* --category Activities --from 2021-01 --to 2021-12
          postsearch search 'asylum NEAR migration' date:2021
          postsearch search gorout --prefix
          postsearch search --facets category,author,year --limit 0
          postsearch search ministers --json
        """
    )

    @Argument(help: ArgumentHelp("The query; several words are joined with spaces.", valueName: "query"))
    var words: [String] = []

    @OptionGroup var location: IndexLocation

    @OptionGroup var shards: ShardOptions

    @OptionGroup var options: ResultOptions

    @OptionGroup var query: QueryOptions

    @Flag(help: "Print the Xapian query the search would run (how its words were read, stemmed and combined) instead of results.")
    var explain = false

    func request() throws -> SearchRequest {
        var request = SearchRequest(query: words.joined(separator: " "))
        try options.apply(to: &request)
        try query.apply(to: &request)
        try request.validate()
        return request
    }

    func run() throws {
        let response: SearchResponse
        do {
            let request = try request()
            let searcher = try shards.searcher(location)
            if explain {
                print(try searcher.explain(request))
                return
            }
            response = try searcher.search(request)
        } catch {
            throw ExitCode(reportFailure(error))
        }
        printResponse(response, json: options.json)
    }
}

/// How the query's words are read: shared by `search` alone (`related` has no query).
struct QueryOptions: ParsableArguments {
    @Flag(name: .customLong("no-suggest"), help: "Do not suggest spelling corrections.")
    var noSuggest = false

    @Flag(name: .customLong("no-autocorrect"), help: "Search words that are in no post as written, instead of the corrected query.")
    var noAutocorrect = false

    @Flag(help: "Search as you type: the last word also finds the words it begins (gorout finds goroutines).")
    var prefix = false

    @Option(help: ArgumentHelp("Newer posts weigh more: recent, or recent:HALF_LIFE such as recent:90d, recent:6m, recent:1y (default: 180 days).", valueName: "recent[:half-life]"))
    var boost: String?

    @Flag(help: "Posts where the query's words stand together weigh more.")
    var proximity = false

    func apply(to request: inout SearchRequest) throws {
        request.suggest = !noSuggest
        request.autocorrect = !noAutocorrect
        request.prefix = prefix
        request.proximity = proximity
        request.boost = try boost.map { try RecencyBoost(parsing: $0, parameter: "--boost") }
    }
}

/// Filters, order, paging, facets and output: shared by `search` and `related`.
struct ResultOptions: ParsableArguments {
    @Option(name: .customLong("category"), help: ArgumentHelp("Only posts in this category (repeat for any of several).", valueName: "name"))
    var categories: [String] = []

    @Option(name: .customLong("author"), help: ArgumentHelp("Only posts by this author (repeat for any of several).", valueName: "name"))
    var authors: [String] = []

    @Option(name: .customLong("tag"), help: ArgumentHelp("Only posts with this tag (repeat for any of several).", valueName: "tag"))
    var tags: [String] = []

    @Option(name: .customLong("language"), help: ArgumentHelp("Only posts in this language, a code (en, fr, ja) or a name (french); the query's words are then stemmed in it alone. Repeat for any of several; default: every language.", valueName: "language"))
    var languages: [String] = []

    @Option(name: .customLong("filter"), help: ArgumentHelp("Only posts whose field NAME (a custom field, such as series) has this value (repeat for several: one field's values are ORed, fields ANDed).", valueName: "name=value"))
    var customFilters: [String] = []

    @Option(help: ArgumentHelp("Only posts on or after this date: YYYY, YYYY-MM, YYYY-MM-DD or an ISO timestamp.", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("Only posts on or before this date (inclusive; same forms as --from).", valueName: "date"))
    var to: String?

    @Option(help: ArgumentHelp("Order of results: relevance, newest or oldest.", valueName: "order"))
    var sort: OptionValue = "relevance"

    @Option(parsing: .unconditional, help: ArgumentHelp("Number of results, 0 to \(SearchRequest.maxLimit).", valueName: "n"))
    var limit: OptionValue = 10

    @Option(parsing: .unconditional, help: ArgumentHelp("Skip this many results (for pages), 0 to \(SearchRequest.maxOffset).", valueName: "n"))
    var offset: OptionValue = 0

    @Option(help: ArgumentHelp("Comma-separated facets to count: \(Schema.facetNames.joined(separator: ", ")), or a custom field.", valueName: "list"))
    var facets: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Values shown per facet (0 for all; year always lists every year).", valueName: "n"))
    var facetLimit: OptionValue = 10

    @Flag(help: "Print exactly one JSON object (shape in the README).")
    var json = false

    func apply(to request: inout SearchRequest) throws {
        request.categories = categories
        request.authors = authors
        request.tags = tags
        request.languages = languages.flatMap { $0.split(separator: ",").map { String($0).trimmingWhitespace() } }.filter { !$0.isEmpty }
        request.from = from
        request.to = to
        request.sort = try sort.choice("sort", of: SearchRequest.Sort.self)
        request.limit = try limit.integer("limit", in: 0...SearchRequest.maxLimit)
        request.offset = try offset.integer("offset", in: 0...SearchRequest.maxOffset)
        request.facets = try facets.map { try Facet.parseList($0, allowingCustom: true) } ?? []
        for filter in customFilters {
            let parts = filter.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, CustomFields.problem(with: parts[0]) == nil || Schema.facetNames.contains(parts[0].lowercased()) else {
                throw PostSearchError.invalidParameter(name: "--filter", message: "\"\(filter)\" is not NAME=VALUE, such as series=Linux")
            }
            request.filters[parts[0].lowercased(), default: []].append(parts[1])
        }
        request.facetLimit = try facetLimit.integer("facet-limit", in: 0...Int.max)
    }
}
