/// The one table that says, for every field, its term prefixes, value slots and query-syntax
/// name. Indexer and Searcher both read it; nothing else invents a prefix or a slot number.
///
/// | field      | free text (`field:`) | filter term | value slots                 |
/// |------------|----------------------|-------------|-----------------------------|
/// | id         |                      | `Q`         |                             |
/// | title      | `S` (`title:`)       |             |                             |
/// | authors    | `A` (`author:`)      | `XA`        | 100 + i (facet `author`)    |
/// | categories | `XCAT` (`category:`) | `XC`        | 200 + i (facet `category`)  |
/// | tags       | `XTAG` (`tag:`)      | `K`         | 300 + i (facet `tag`)       |
/// | language   |                      | `L`         |                             |
/// | source     |                      | `XSOURCE`   |                             |
/// | date       |                      | `Y` `M` `D` | 0 local date-time (ranges), 1 year, 2 month, 3 instant (sorting) |
///
/// Free text is also indexed unprefixed, so `word` finds it in any field. Filter terms hold the
/// value folded by `filterValue` (no accents, lower case, single spaces), so filters ignore both.
public enum Schema {
    public static let version = "1"

    static let idPrefix = "Q"
    /// The absolute path of the file a post was read from: what `--prune` compares.
    static let sourcePrefix = "XSOURCE"
    static let titlePrefix = "S"
    static let languagePrefix = "L"
    static let yearPrefix = "Y"
    static let monthPrefix = "M"
    static let dayPrefix = "D"

    static let dateSlot: UInt32 = 0
    static let yearSlot: UInt32 = 1
    static let monthSlot: UInt32 = 2
    /// The instant (UTC where the source gave an offset): the order of `newest` / `oldest`.
    static let instantSlot: UInt32 = 3

    /// Each multi-valued field keeps its i-th value in slot `base + i`, so that Xapian's built-in
    /// ValueCountMatchSpy can count every value of every post (summing one spy per slot), which
    /// also works against remote shards. Values past `maxValuesPerField` are searchable and
    /// filterable but not counted in facets.
    static let maxValuesPerField = 100

    /// A multi-valued text field that is searchable, filterable and counted as a facet.
    struct ListField: Sendable {
        let name: String
        let textPrefix: String
        let filterPrefix: String
        let slotBase: UInt32
        let path: KeyPath<Post, [String]> & Sendable

        /// Index metadata key holding how many slots of this field are in use.
        var slotCountKey: String { "postsearch:slots:\(name)" }
    }

    static let authors = ListField(name: "author", textPrefix: "A", filterPrefix: "XA", slotBase: 100, path: \Post.authors)
    static let categories = ListField(name: "category", textPrefix: "XCAT", filterPrefix: "XC", slotBase: 200, path: \Post.categories)
    static let tags = ListField(name: "tag", textPrefix: "XTAG", filterPrefix: "K", slotBase: 300, path: \Post.tags)
    static let listFields = [authors, categories, tags]

    /// Query-syntax field names for free text: `title:word`, `author:name`, …
    static let queryFields: [(name: String, prefix: String)] = [
        ("title", titlePrefix), ("author", authors.textPrefix),
        ("category", categories.textPrefix), ("tag", tags.textPrefix),
    ]

    enum MetadataKey {
        static let schema = "postsearch:schema"
        static let language = "postsearch:language"
        static let updated = "postsearch:updated"
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
        if id.utf8.count <= maxTermValueBytes { return idPrefix + id }
        return idPrefix + truncatedUTF8(id, maxBytes: 150) + "#" + String(fnv1a64(id), radix: 16)
    }

    static func sourceTerm(_ absolutePath: String) -> String {
        sourcePrefix + truncatedUTF8(absolutePath, maxBytes: maxTermValueBytes + 30)
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
