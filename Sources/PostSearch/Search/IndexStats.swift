import Foundation

/// What an index holds: `postsearch stats` and `GET /health`.
public struct IndexStats: Sendable, Equatable {
    public let path: String
    public let posts: Int
    /// First and last publication day (`YYYY-MM-DD`), nil when no post has a date.
    public let firstDate: String?
    public let lastDate: String?
    /// Posts per language (primary code: `en-US` counts under `en`), most first, each post
    /// once; posts with none under `unknown`.
    public let languages: [SearchResponse.FacetValue]
    /// Regional variants as given (`en-us`), by primary code: sub-rows of `languages`.
    public let languageVariants: [String: [SearchResponse.FacetValue]]
    /// The stemmer of posts with no language of their own.
    public let stemmer: String
    /// Every stemmer the index's posts were indexed with (queries are stemmed with each).
    public let stemmers: [String]
    /// The index's custom fields (`--field`, site taxonomies), searchable, filterable, countable.
    public let fields: [String]
    public let sizeBytes: Int64
    /// When the last indexing run committed (ISO 8601), if recorded.
    public let lastUpdated: String?
    /// postsearch's revision number: it grows with every commit, and compaction keeps it.
    public let revision: UInt64

    public init(searcher: Searcher) throws {
        path = searcher.path
        posts = try searcher.documentCount
        revision = try searcher.revision
        let days = try searcher.allTerms(prefix: Schema.dayPrefix).map(\.term)
        firstDate = days.first.map(Schema.day(fromTerm:))
        lastDate = days.last.map(Schema.day(fromTerm:))
        let prefix = Schema.language.filterPrefix!
        let codes = try searcher.allTerms(prefix: prefix).map { (code: String($0.term.dropFirst(prefix.count)), count: $0.frequency) }
        var primary = codes.filter { !$0.code.contains("-") }.map { SearchResponse.FacetValue(value: $0.code, count: $0.count) }
        let unknown = posts - primary.reduce(0) { $0 + $1.count }
        if unknown > 0 { primary.append(.init(value: "unknown", count: unknown)) }
        languages = primary.sorted { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }
        languageVariants = Dictionary(grouping: codes.filter { $0.code.contains("-") }, by: { Languages.primaryCode($0.code) })
            .mapValues { $0.map { SearchResponse.FacetValue(value: $0.code, count: $0.count) }.sorted { $0.count > $1.count } }
        stemmer = searcher.language
        stemmers = searcher.indexStemmers
        fields = searcher.schema.customNames
        let updated = try searcher.metadata(Schema.MetadataKey.updated)
        lastUpdated = updated.isEmpty ? nil : updated
        sizeBytes = searcher.shards.reduce(0) { total, shard in
            if case .local(let folder) = shard { return total + DiskUsage.bytes(under: folder) }
            return total
        }
    }

    public var json: String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("index"); writer.string(path)
        writer.key("posts"); writer.int(posts)
        writer.key("first_date"); if let firstDate { writer.string(firstDate) } else { writer.null() }
        writer.key("last_date"); if let lastDate { writer.string(lastDate) } else { writer.null() }
        writer.key("languages")
        writer.beginArray()
        for language in languages {
            writer.beginObject()
            writer.key("value"); writer.string(language.value)
            writer.key("count"); writer.int(language.count)
            writer.key("variants")
            writer.beginArray()
            for variant in languageVariants[language.value] ?? [] {
                writer.beginObject()
                writer.key("value"); writer.string(variant.value)
                writer.key("count"); writer.int(variant.count)
                writer.endObject()
            }
            writer.endArray()
            writer.endObject()
        }
        writer.endArray()
        writer.key("stemmer"); writer.string(stemmer)
        writer.key("stemmers"); writer.strings(stemmers)
        writer.key("fields"); writer.strings(fields)
        writer.key("size_bytes"); writer.int(Int(sizeBytes))
        writer.key("last_updated"); if let lastUpdated { writer.string(lastUpdated) } else { writer.null() }
        writer.key("revision"); writer.int(Int(revision))
        writer.endObject()
        return writer.string
    }
}
