/// Fields an archive brings of its own (`--field series`, WordPress taxonomies other than
/// categories and tags, Zola taxonomies): searchable (`series:…`), filterable and countable, as
/// `tag` is. Each gets rows of the schema table when a post first carries it; the index records
/// their names, in that order, so their prefixes and slots stay put.
public enum CustomFields {
    /// Most custom fields an index takes (slots 1000 … 5999).
    static let limit = 50
    static let firstSlot: UInt32 = 1000
    static let slotsPerField: UInt32 = 100

    /// Why `name` cannot name a custom field, or nil when it can.
    public static func problem(with name: String) -> String? {
        let lowered = name.lowercased()
        guard let first = lowered.unicodeScalars.first, ("a"..."z").contains(first),
              lowered.count <= 32, lowered.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" })
        else { return "\"\(name)\" is not a field name: a letter, then letters, digits or _, at most 32" }
        guard !reserved.contains(lowered) else { return "\"\(name)\" is a name postsearch uses itself" }
        return nil
    }

    /// A name as the index keeps it: lower case, other characters as `_` (a WordPress taxonomy
    /// `post-series` is `post_series`); nil when nothing usable is left.
    static func normalized(_ raw: String) -> String? {
        var name = String(raw.lowercased().unicodeScalars.map { ("a"..."z").contains($0) || ("0"..."9").contains($0) ? Character($0) : "_" })
        while name.hasPrefix("_") { name.removeFirst() }
        name = String(name.prefix(32))
        return problem(with: name) == nil ? name : nil
    }

    /// Names of the built-in fields, the query syntax and the `/search` parameters.
    private static let reserved: Set<String> = {
        var names: Set<String> = ["date", "year", "q", "fields", "filter", "body", "source", "id"]
        for field in Schema.fields { names.insert(field.name); names.formUnion(field.aliases) }
        return names.union(["category", "author", "tag", "language", "lang", "from", "to", "sort", "limit", "offset", "facets",
                            "facet_limit", "suggest", "prefix", "autocorrect", "boost", "proximity", "month", "title"])
    }()

    /// The schema rows of the `number`-th custom field (its terms: `XF` + name, its filter terms
    /// `XV` + name, a `:` before the value so names never run into values).
    static func field(named name: String, number: Int) -> Field {
        let upper = name.uppercased()
        return Field(name: name, textPrefix: "XF\(upper):", filterPrefix: "XV\(upper):",
                     slotBase: firstSlot + UInt32(number) * slotsPerField,
                     flags: [.text, .queryable, .filter, .facet, .multiValued, .custom])
    }
}

/// The fields of one index: the built-in table and the custom fields its posts carry.
public struct IndexSchema: Sendable, Equatable {
    public let customNames: [String]
    let custom: [Field]

    public init(customNames: [String]) {
        self.customNames = customNames
        custom = customNames.enumerated().map { CustomFields.field(named: $0.element, number: $0.offset) }
    }

    static let builtIn = IndexSchema(customNames: [])

    /// Names as the index's metadata keeps them.
    init(metadata: String) {
        self.init(customNames: metadata.split(separator: ",").map(String.init))
    }

    var metadata: String { customNames.joined(separator: ",") }

    var fields: [Field] { Schema.fields + custom }
    var listFields: [Field] { Schema.listFields + custom }
    var queryFields: [Field] { Schema.queryFields + custom }
    public var facetNames: [String] { Schema.facetNames + customNames }

    /// The field a query or a parameter names (`lang` is `language`), if any.
    func field(named name: String) -> Field? {
        Schema.field(named: name) ?? custom.first { $0.name == name.lowercased() }
    }

    /// This schema with `names` added (those it lacks, that are valid, up to the limit).
    func adding(_ names: some Sequence<String>) -> IndexSchema {
        var all = customNames
        for name in names where !all.contains(name) && all.count < CustomFields.limit && CustomFields.problem(with: name) == nil {
            all.append(name)
        }
        return all == customNames ? self : IndexSchema(customNames: all)
    }

    public static func == (a: IndexSchema, b: IndexSchema) -> Bool { a.customNames == b.customNames }
}
