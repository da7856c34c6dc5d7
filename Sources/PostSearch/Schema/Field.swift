/// One row of the `Schema` table: a field's names, term prefixes, value slots and uses.
struct Field: Sendable, Hashable, CustomStringConvertible {
    struct Flags: OptionSet, Sendable, Hashable {
        let rawValue: Int
        /// Its words are indexed as free text (under `textPrefix`, and unprefixed).
        static let text = Flags(rawValue: 1 << 0)
        /// A query may name it: `author:novak`, `lang:fr`.
        static let queryable = Flags(rawValue: 1 << 1)
        /// Each value is also a filter term (`filterPrefix` + folded value): `--author`, `author=`.
        static let filter = Flags(rawValue: 1 << 2)
        /// Its values are counted for facets (from value slots).
        static let facet = Flags(rawValue: 1 << 3)
        /// Several values per post, the i-th in slot `slotBase + i`.
        static let multiValued = Flags(rawValue: 1 << 4)
        /// Calendar buckets (year, month): listed newest first, undated posts under "unknown".
        static let calendar = Flags(rawValue: 1 << 5)
        /// The post's title: highlighted in hits as well as the body.
        static let titleText = Flags(rawValue: 1 << 6)
        /// A field of the archive's own, its values in the post's `fields`.
        static let custom = Flags(rawValue: 1 << 7)
    }

    /// The query-syntax name (`author:`), facet name and filter parameter.
    let name: String
    /// Other names the query syntax accepts (`lang:` for `language`).
    var aliases: [String] = []
    /// Prefix of its free-text terms ("" for unprefixed body text), when it has words.
    var textPrefix: String?
    /// Prefix of its filter terms, when it is filterable.
    var filterPrefix: String?
    /// Its value slot (the first one, for multi-valued fields).
    var slotBase: UInt32?
    var flags: Flags = []
    /// The post's values of a multi-valued text field.
    var values: (KeyPath<Post, [String]> & Sendable)?

    init(name: String, aliases: [String] = [], textPrefix: String? = nil, filterPrefix: String? = nil, slotBase: UInt32? = nil,
         flags: Flags = [], values: (KeyPath<Post, [String]> & Sendable)? = nil) {
        self.name = name
        self.aliases = aliases
        self.textPrefix = textPrefix
        self.filterPrefix = filterPrefix
        self.slotBase = slotBase
        self.flags = flags
        self.values = values
    }

    var description: String { name }

    static func == (a: Field, b: Field) -> Bool { a.name == b.name }
    func hash(into hasher: inout Hasher) { hasher.combine(name) }

    /// The post's values of a multi-valued field.
    func values(of post: Post) -> [String] {
        if let values { return post[keyPath: values] }
        return flags.contains(.custom) ? post.fields[name] ?? [] : []
    }

    /// The filter term of one value: the prefix and the folded value.
    func filterTerm(_ value: String) -> String { (filterPrefix ?? "") + Schema.filterValue(value) }
}
