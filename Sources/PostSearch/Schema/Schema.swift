/// The one table of the index's vocabulary, as notmuch's `prefix.cc`: for every field, its
/// query-syntax name, term prefixes, value slots and what it is used for. The indexer, the query
/// language, filters, facets, snippets and the OpenAPI document are all derived from it; nothing
/// else invents a prefix or a slot number.
///
/// | field      | free text (`field:`) | filter term | value slots                 | facet |
/// |------------|----------------------|-------------|-----------------------------|-------|
/// | id         |                      | `Q`         |                             |       |
/// | title      | `S` (`title:`)       |             |                             |       |
/// | body       | (unprefixed)         |             |                             |       |
/// | author     | `A` (`author:`)      | `XA`        | 100 + i                     | yes   |
/// | category   | `XCAT` (`category:`) | `XC`        | 200 + i                     | yes   |
/// | tag        | `XTAG` (`tag:`)      | `K`         | 300 + i                     | yes   |
/// | language   |                      | `L` (`lang:`) | 4 (primary code)          | yes   |
/// | source     |                      | `XSOURCE`   |                             |       |
/// | date       |                      | `Y` `M` `D` | 0 local date-time, 3 instant, 5 day |  |
/// | year, month |                     |             | 1, 2                        | yes   |
///
/// Free text is also indexed unprefixed, so `word` finds it in any field; stems carry Xapian's
/// `Z` before the field's prefix. Filter terms hold the value folded by `filterValue` (no
/// accents, lower case, single spaces), so filters ignore both.
public enum Schema {
    public static let version = "2"

    /// Xapian's marker for stemmed terms (`Z` + field prefix + stem), written by its TermGenerator.
    static let stemMarker = "Z"

    static let id = Field(name: "id", filterPrefix: "Q")
    static let title = Field(name: "title", textPrefix: "S", flags: [.text, .queryable, .titleText])
    static let body = Field(name: "body", textPrefix: "", flags: [.text])
    static let authors = Field(name: "author", textPrefix: "A", filterPrefix: "XA", slotBase: 100,
                               flags: [.text, .queryable, .filter, .facet, .multiValued], values: \Post.authors)
    static let categories = Field(name: "category", textPrefix: "XCAT", filterPrefix: "XC", slotBase: 200,
                                  flags: [.text, .queryable, .filter, .facet, .multiValued], values: \Post.categories)
    static let tags = Field(name: "tag", textPrefix: "XTAG", filterPrefix: "K", slotBase: 300,
                            flags: [.text, .queryable, .filter, .facet, .multiValued], values: \Post.tags)
    /// A post's language as given (`en-US`) and its primary subtag (`en`): `lang:en` finds both.
    /// The facet counts the primary subtag alone (slot 4), so each post is counted once.
    static let language = Field(name: "language", aliases: ["lang"], filterPrefix: "L", slotBase: 4, flags: [.queryable, .filter, .facet])
    /// The absolute path of the file a post was read from: what `--prune` compares.
    static let source = Field(name: "source", filterPrefix: "XSOURCE")

    /// Dates: the local date-time (ranges), the UTC instant (sorting), and the calendar buckets.
    static let dateSlot: UInt32 = 0
    static let year = Field(name: "year", filterPrefix: "Y", slotBase: 1, flags: [.facet, .calendar])
    static let month = Field(name: "month", filterPrefix: "M", slotBase: 2, flags: [.facet, .calendar])
    static let dayPrefix = "D"
    /// The instant (UTC where the source gave an offset): the order of `newest` / `oldest`.
    static let instantSlot: UInt32 = 3
    /// The local day (`YYYY-MM-DD`): what `--boost recent` weighs.
    static let daySlot: UInt32 = 5

    /// Every field, in the order facets and filters are listed.
    static let fields: [Field] = [id, title, body, categories, authors, tags, language, year, month, source]

    /// Multi-valued text fields: searchable, filterable and counted as facets.
    static let listFields = fields.filter { $0.flags.contains(.multiValued) }
    /// Fields a query may name (`title:word`, `author:name`, `lang:fr`).
    static let queryFields = fields.filter { $0.flags.contains(.queryable) }
    /// Fields that can be counted, by name: `--facets category,year`.
    public static let facetNames = fields.filter { $0.flags.contains(.facet) }.map(\.name)
    /// Free-text prefixes whose words may appear in a post's body or title (what snippets mark).
    static let textPrefixes = Set(fields.compactMap { $0.flags.contains(.text) ? $0.textPrefix : nil })

    /// The field a query or a parameter names (`lang` is `language`), if any.
    static func field(named name: String) -> Field? {
        let lowered = name.lowercased()
        return fields.first { $0.name == lowered || $0.aliases.contains(lowered) }
    }

    /// Each multi-valued field keeps its i-th value in slot `base + i`, so that Xapian's built-in
    /// ValueCountMatchSpy can count every value of every post (summing one spy per slot), which
    /// also works against remote shards. Values past `maxValuesPerField` are searchable and
    /// filterable but not counted in facets.
    static let maxValuesPerField = 100

    enum MetadataKey {
        static let schema = "postsearch:schema"
        /// The stemmer of posts whose language is neither given nor detected.
        static let language = "postsearch:language"
        /// Every stemmer some post was indexed with, comma-separated: queries are stemmed with each.
        static let stemmers = "postsearch:stemmers"
        static let updated = "postsearch:updated"
        /// postsearch's revision: one more at every commit, kept across compactions and merges
        /// (which start Xapian's own revision again), so readers never see it go back.
        static let revision = "postsearch:revision"
        /// The synonyms file, as given to `postsearch synonyms set`.
        static let synonyms = "postsearch:synonyms"
        /// The custom fields, comma-separated, in the order they were first seen.
        static let fields = "postsearch:fields"
        /// How many slots a multi-valued field uses.
        static func slotCount(_ field: Field) -> String { "postsearch:slots:\(field.name)" }
    }

    /// Xapian terms are at most 245 bytes; keep room for the prefix.
    static let maxTermValueBytes = 200

    /// Accents folded, lower case, whitespace runs as one space, trimmed, cut to fit in a term.
    static func filterValue(_ value: String) -> String {
        let folded = TextFolding.fold(value).lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        return truncatedUTF8(folded, maxBytes: maxTermValueBytes)
    }

    /// The unique id term. Ids too long for a Xapian term keep a readable head and a hash of the whole.
    static func idTerm(_ id: String) -> String {
        let prefix = Self.id.filterPrefix!
        if id.utf8.count <= maxTermValueBytes { return prefix + id }
        return prefix + truncatedUTF8(id, maxBytes: 150) + "#" + String(fnv1a64(id), radix: 16)
    }

    static func sourceTerm(_ absolutePath: String) -> String {
        source.filterPrefix! + truncatedUTF8(absolutePath, maxBytes: maxTermValueBytes + 30)
    }

    /// The day term of a `YYYY-MM-DD` day: `D20210619`.
    static func dayTerm(_ day: String) -> String { dayPrefix + day.replacingOccurrences(of: "-", with: "") }

    /// `D20210619` → `2021-06-19`.
    static func day(fromTerm term: String) -> String {
        let digits = Array(term.dropFirst(dayPrefix.count))
        guard digits.count == 8 else { return String(digits) }
        return "\(String(digits[0..<4]))-\(String(digits[4..<6]))-\(String(digits[6..<8]))"
    }

    static func truncatedUTF8(_ text: String, maxBytes: Int) -> String {
        guard text.utf8.count > maxBytes else { return text }
        var result = ""
        var used = 0
        for scalar in text.unicodeScalars {
            let size = String(scalar).utf8.count
            if used + size > maxBytes { break }
            used += size
            result.unicodeScalars.append(scalar)
        }
        return result
    }

    static func fnv1a64(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100000001b3
        }
        return hash
    }
}
