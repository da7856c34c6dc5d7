import Foundation

/// What an index holds: `postsearch stats` and `GET /health`.
public struct IndexStats: Sendable, Equatable {
    public let path: String
    public let posts: Int
    /// First and last publication day (`YYYY-MM-DD`), nil when no post has a date.
    public let firstDate: String?
    public let lastDate: String?
    /// Posts per language code, most first.
    public let languages: [SearchResponse.FacetValue]
    /// The stemmer the index was built with.
    public let stemmer: String
    public let sizeBytes: Int64
    /// When the last indexing run committed (ISO 8601), if recorded.
    public let lastUpdated: String?
    /// Xapian's revision number: it grows with every commit.
    public let revision: UInt64

    public init(searcher: Searcher) throws {
        path = searcher.path
        posts = try searcher.documentCount
        revision = try searcher.revision
        let days = try searcher.allTerms(prefix: Schema.dayPrefix).map(\.term)
        firstDate = days.first.map { Self.day(fromTerm: $0) }
        lastDate = days.last.map { Self.day(fromTerm: $0) }
        languages = try searcher.allTerms(prefix: Schema.languagePrefix)
            .map { SearchResponse.FacetValue(value: String($0.term.dropFirst(Schema.languagePrefix.count)), count: $0.frequency) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }
        stemmer = searcher.language
        let updated = try searcher.metadata(Schema.MetadataKey.updated)
        lastUpdated = updated.isEmpty ? nil : updated
        sizeBytes = searcher.shards.reduce(0) { total, shard in
            if case .local(let folder) = shard { return total + Self.diskSize(of: folder) }
            return total
        }
    }

    /// `D20210619` → `2021-06-19`.
    private static func day(fromTerm term: String) -> String {
        let digits = Array(term.dropFirst(Schema.dayPrefix.count))
        guard digits.count == 8 else { return String(digits) }
        return "\(String(digits[0..<4]))-\(String(digits[4..<6]))-\(String(digits[6..<8]))"
    }

    static func diskSize(of path: String) -> Int64 {
        guard let enumerator = FileManager.default.enumerator(atPath: path) else { return 0 }
        var total: Int64 = 0
        for case let name as String in enumerator {
            let attributes = try? FileManager.default.attributesOfItem(atPath: (path as NSString).appendingPathComponent(name))
            total += (attributes?[.size] as? NSNumber)?.int64Value ?? 0
        }
        return total
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
            writer.endObject()
        }
        writer.endArray()
        writer.key("stemmer"); writer.string(stemmer)
        writer.key("size_bytes"); writer.int(Int(sizeBytes))
        writer.key("last_updated"); if let lastUpdated { writer.string(lastUpdated) } else { writer.null() }
        writer.key("revision"); writer.int(Int(revision))
        writer.endObject()
        return writer.string
    }
}
