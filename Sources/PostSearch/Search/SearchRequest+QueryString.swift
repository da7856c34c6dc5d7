import Foundation

/// The one reader of `/search` query strings (`q=word&facets=year`): the server, `postsearch
/// replay` and the tests all go through it, with the parameter names of the CLI's options.
extension SearchRequest {
    /// Every parameter `/search` knows, in the order the OpenAPI document lists them.
    public static let parameterNames = ["q", "category", "author", "tag", "language", "lang", "from", "to", "sort", "limit",
                                        "offset", "facets", "facet_limit", "suggest", "prefix", "autocorrect", "boost", "proximity"]

    /// The request a query string asks for. Unknown parameters are refused (a misspelt filter
    /// must not silently filter nothing); an empty value (`category=`, a form's blank field)
    /// means the parameter was not given. `customFields` are the index's own fields, each a
    /// filter parameter (`series=…`) and a facet. `maxLimit` and `maxQueryLength` are the
    /// server's bounds.
    public init(queryString: String?, customFields: [String] = [], maxLimit: Int = SearchRequest.maxLimit,
                maxQueryLength: Int = 1_000) throws {
        let parameters = try QueryStringParameters(queryString)
        let known = Self.parameterNames + customFields
        for (key, _) in parameters.pairs where !known.contains(key) {
            throw PostSearchError.invalidParameter(
                name: key, message: "unknown parameter; the parameters are \(known.joined(separator: ", "))")
        }
        func single(_ name: String) throws -> String? {
            try parameters.single(name).flatMap { $0.trimmingWhitespace().isEmpty ? nil : $0 }
        }
        func list(_ name: String) -> [String] { parameters.all(name).filter { !$0.trimmingWhitespace().isEmpty } }
        func integer(_ name: String) throws -> Int? {
            guard let text = try single(name) else { return nil }
            guard let value = Int(text.trimmingWhitespace()) else {
                throw PostSearchError.invalidParameter(name: name, message: "\"\(text)\" is not a whole number")
            }
            return value
        }

        self.init(query: try parameters.single("q") ?? "")
        if query.count > maxQueryLength {
            throw PostSearchError.invalidParameter(name: "q", message: "longer than \(maxQueryLength) characters")
        }
        categories = list("category")
        authors = list("author")
        tags = list("tag")
        languages = (list("language") + list("lang"))
            .flatMap { $0.split(separator: ",").map { String($0).trimmingWhitespace() } }.filter { !$0.isEmpty }
        from = try single("from")
        to = try single("to")
        if let sort = try single("sort") {
            guard let value = Sort(rawValue: sort) else {
                throw PostSearchError.invalidParameter(name: "sort", message: "unknown sort \"\(sort)\"; use relevance, newest or oldest")
            }
            self.sort = value
        }
        limit = try integer("limit") ?? limit
        offset = try integer("offset") ?? offset
        facetLimit = try integer("facet_limit") ?? facetLimit
        facets = try list("facets").flatMap { try Facet.parseList($0, known: Schema.facetNames + customFields) }
        for name in customFields where !list(name).isEmpty { filters[name] = list(name) }
        if let suggest = try single("suggest") { self.suggest = try Self.boolean(suggest, name: "suggest") }
        if let prefix = try single("prefix") { self.prefix = try Self.boolean(prefix, name: "prefix") }
        if let autocorrect = try single("autocorrect") { self.autocorrect = try Self.boolean(autocorrect, name: "autocorrect") }
        if let proximity = try single("proximity") { self.proximity = try Self.boolean(proximity, name: "proximity") }
        boost = try single("boost").map { try RecencyBoost(parsing: $0) }
        try validate(maxLimit: maxLimit)
    }

    /// `true`/`false` as query strings write them (`1`/`0`, `yes`/`no` too).
    static func boolean(_ text: String, name: String) throws -> Bool {
        switch text.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw PostSearchError.invalidParameter(name: name, message: "use true or false")
        }
    }
}
