import Foundation
import PostSearch

/// What a query log (`serve --query-log`) says readers looked for: `postsearch stats --queries`.
///
/// Queries are counted as readers typed them, case and repeated spaces aside. Searches without
/// words (a reader browsing by filters) and, unless asked for, searches as you type (`prefix`:
/// every pause in the typing of one query) are counted apart, not ranked.
public struct QueryLogReport: Sendable, Equatable {
    public struct Query: Sendable, Equatable {
        public let query: String
        public let count: Int
        /// How many of those searches found nothing.
        public let noResults: Int
    }

    public let file: String
    /// Searches with words, ranked below.
    public var searches = 0
    /// Of `searches`, those that found nothing.
    public var noResults = 0
    /// Searches with no words (filters only).
    public var browsing = 0
    /// Searches as you type, left out of the counts (unless `includePrefix`).
    public var asYouType = 0
    /// Lines that are not a query log entry.
    public var unreadable = 0
    /// Time of the first and last entry.
    public var first: String?
    public var last: String?
    /// Most frequent queries, and most frequent queries that found nothing.
    public var top: [Query] = []
    public var topNoResults: [Query] = []

    private struct Entry: Decodable {
        let time: String?
        let q: String
        let total: Int
        let prefix: Bool?
    }

    /// Reads `path` (mapped, line by line); `limit` queries per list.
    public init(path: String, limit: Int = 20, includePrefix: Bool = false) throws {
        file = path
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw PostSearchError.invalidParameter(name: "queries", message: "cannot read \(path): \(error.localizedDescription)")
        }
        var counts: [String: (count: Int, noResults: Int)] = [:]
        let decoder = JSONDecoder()
        for line in data.split(separator: UInt8(ascii: "\n")) where !line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) {
            guard let entry = try? decoder.decode(Entry.self, from: line) else {
                unreadable += 1
                continue
            }
            if let time = entry.time {
                first = min(first ?? time, time)
                last = max(last ?? time, time)
            }
            if entry.prefix == true && !includePrefix { asYouType += 1; continue }
            let query = entry.q.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
            if query.isEmpty { browsing += 1; continue }
            searches += 1
            let found = entry.total > 0
            if !found { noResults += 1 }
            counts[query, default: (0, 0)].count += 1
            if !found { counts[query, default: (0, 0)].noResults += 1 }
        }
        let ranked = counts.map { Query(query: $0.key, count: $0.value.count, noResults: $0.value.noResults) }
        top = Array(ranked.sorted { ($1.count, $0.query) < ($0.count, $1.query) }.prefix(limit))
        topNoResults = Array(ranked.filter { $0.noResults > 0 }
            .sorted { ($1.noResults, $0.query) < ($0.noResults, $1.query) }.prefix(limit))
            .map { Query(query: $0.query, count: $0.noResults, noResults: $0.noResults) }
    }

    /// `{"file", "searches", "no_results", "browsing", "as_you_type", "unreadable_lines", "first",
    /// "last", "top_queries": [{"q", "count", "no_results"}], "top_no_results": [{"q", "count"}]}`.
    public var json: String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("file"); writer.string(file)
        writer.key("searches"); writer.int(searches)
        writer.key("no_results"); writer.int(noResults)
        writer.key("browsing"); writer.int(browsing)
        writer.key("as_you_type"); writer.int(asYouType)
        writer.key("unreadable_lines"); writer.int(unreadable)
        writer.key("first"); if let first { writer.string(first) } else { writer.null() }
        writer.key("last"); if let last { writer.string(last) } else { writer.null() }
        writeQueries(top, as: "top_queries", withNoResults: true, to: &writer)
        writeQueries(topNoResults, as: "top_no_results", withNoResults: false, to: &writer)
        writer.endObject()
        return writer.string
    }

    private func writeQueries(_ queries: [Query], as key: String, withNoResults: Bool, to writer: inout JSONWriter) {
        writer.key(key)
        writer.beginArray()
        for query in queries {
            writer.beginObject()
            writer.key("q"); writer.string(query.query)
            writer.key("count"); writer.int(query.count)
            if withNoResults { writer.key("no_results"); writer.int(query.noResults) }
            writer.endObject()
        }
        writer.endArray()
    }
}
