/// Everything a search asks for: the same fields as `postsearch search` options and `GET /search`
/// query parameters.
///
/// ```swift
/// var request = SearchRequest(query: "ministers")
/// request.categories = ["Activities"]
/// request.facets = [.category, .year]
/// ```
public struct SearchRequest: Sendable, Equatable {
    public enum Sort: String, Sendable, CaseIterable {
        /// Best match first; for an empty query, newest first.
        case relevance
        case newest
        case oldest
    }

    /// Free text in the query syntax (README); empty means every post (browse mode).
    public var query: String
    /// Filters by field name (`category`, `author`, `tag`, `language`): a post must have one of
    /// the values of each non-empty list (accents, case and repeated spaces aside).
    public var filters: [String: [String]] = [:]
    public var categories: [String] {
        get { filters["category"] ?? [] }
        set { filters["category"] = newValue }
    }
    public var authors: [String] {
        get { filters["author"] ?? [] }
        set { filters["author"] = newValue }
    }
    public var tags: [String] {
        get { filters["tag"] ?? [] }
        set { filters["tag"] = newValue }
    }
    /// Posts in these languages (codes or names: `fr`, `french`); the query's words are then
    /// stemmed in these languages only. Empty: every language the index holds.
    public var languages: [String] {
        get { filters["language"] ?? [] }
        set { filters["language"] = newValue }
    }
    /// Inclusive date bounds: `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or a full ISO 8601 timestamp.
    public var from: String?
    public var to: String?
    public var sort: Sort = .relevance
    public var limit = 10
    public var offset = 0
    public var facets: [Facet] = []
    /// Values listed per facet (0: all). `year` always lists every year.
    public var facetLimit = 10
    /// Whether to suggest a spelling correction for unknown words.
    public var suggest = true
    /// Search as you type: the last word (unless followed by a space) also finds the words it
    /// begins (`gorout` finds "goroutines").
    public var prefix = false
    /// When a word is in no post, search the corrected query instead (and say so).
    public var autocorrect = true
    /// Newer posts weigh more: a date decay added to the text score (see `RecencyBoost`).
    public var boost: RecencyBoost?
    /// Posts where the query's words stand together weigh more.
    public var proximity = false
    /// Approximate length of the snippet, in bytes.
    public var snippetLength = 200

    public static let maxLimit = 100
    public static let maxOffset = 100_000

    public init(query: String = "") {
        self.query = query
    }

    /// Checks ranges and formats; throws `PostSearchError.invalidParameter` naming the parameter.
    public func validate(maxLimit: Int = SearchRequest.maxLimit) throws {
        guard (0...maxLimit).contains(limit) else {
            throw PostSearchError.invalidParameter(name: "limit", message: "must be between 0 and \(maxLimit), got \(limit)")
        }
        guard (0...Self.maxOffset).contains(offset) else {
            throw PostSearchError.invalidParameter(name: "offset", message: "must be between 0 and \(Self.maxOffset), got \(offset)")
        }
        guard facetLimit >= 0 else {
            throw PostSearchError.invalidParameter(name: "facet-limit", message: "must be 0 (all) or more, got \(facetLimit)")
        }
        _ = try dateRange()
        for language in languages where Languages.code(for: language) == nil {
            throw PostSearchError.invalidParameter(name: "language", message: "unknown language \"\(language)\" (a code such as en, fr, ja, or a name such as french)")
        }
        for name in filters.keys where Schema.field(named: name)?.flags.contains(.filter) != true && CustomFields.problem(with: name) != nil {
            throw PostSearchError.invalidParameter(name: name, message: "not a field that can be filtered")
        }
    }

    /// The inclusive date range as sort-key bounds (nil: open end).
    func dateRange() throws -> (low: String?, high: String?) {
        let low = try from.map { try DateBound.lower(parsing: $0, parameter: "from") }
        let high = try to.map { try DateBound.upper(parsing: $0, parameter: "to") }
        if let low, let high, low > high {
            throw PostSearchError.invalidParameter(name: "from", message: "\(from!) is after to=\(to!)")
        }
        return (low, high)
    }
}

/// Turns `from`/`to` parameters into bounds comparable with `PostDate.sortKey`.
enum DateBound {
    static let formats = "YYYY, YYYY-MM, YYYY-MM-DD or an ISO 8601 timestamp"

    static func lower(parsing text: String, parameter: String) throws -> String {
        try parse(text, parameter: parameter, upper: false)
    }

    static func upper(parsing text: String, parameter: String) throws -> String {
        try parse(text, parameter: parameter, upper: true)
    }

    /// A lower bound is the start of the period; an upper bound sorts after every key inside it
    /// (`~` is above every character a sort key uses).
    private static func parse(_ raw: String, parameter: String, upper: Bool) throws -> String {
        let text = raw.trimmingWhitespace()
        func bad() -> PostSearchError {
            .invalidParameter(name: parameter, message: "\"\(raw)\" is not a date; write \(formats)")
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 1, parts[0].count == 4, let year = Int(parts[0]), year >= 1 {
            return upper ? "\(parts[0])~" : "\(parts[0])"
        }
        if parts.count == 2, parts[0].count == 4, parts[1].count == 2, let year = Int(parts[0]), let month = Int(parts[1]),
           year >= 1, (1...12).contains(month) {
            return upper ? "\(text)~" : text
        }
        guard let date = PostDate(text) else { throw bad() }
        if date.time == nil { return upper ? date.dayString + "~" : date.dayString }
        return date.sortKey
    }
}
