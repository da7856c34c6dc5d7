/// The answer to a `SearchRequest`: one JSON shape for the CLI (`--json`) and `GET /search`.
public struct SearchResponse: Sendable, Equatable {
    public struct Hit: Sendable, Equatable {
        public let post: Post
        /// Xapian's BM25 weight (0 in browse mode); larger is better.
        public let score: Double
        /// An extract of the body around what matched (JSON: HTML with `<mark>`s).
        public let snippet: Snippet
        /// The title with what matched marked (JSON `title_html`).
        public let title: Snippet
    }

    public struct FacetValue: Sendable, Hashable {
        public let value: String
        public let count: Int
        /// Whether the request's filters select this value (a ticked checkbox).
        public let selected: Bool

        public init(value: String, count: Int, selected: Bool = false) {
            self.value = value
            self.count = count
            self.selected = selected
        }
    }

    public let query: String
    /// Number of matching posts: exact when facets were asked for, else Xapian's estimate
    /// (exact whenever `totalIsExact`).
    public let total: Int
    public let totalIsExact: Bool
    public let offset: Int
    public let limit: Int
    public let hits: [Hit]
    /// Only the facets asked for, in the order asked.
    public let facets: [(facet: Facet, values: [FacetValue])]
    /// A corrected query when some words are unknown to the index ("did you mean").
    public var suggestion: String?
    /// The query the results are for when some words were in no post and were corrected
    /// (autocorrect); nil when the results are for `query` itself.
    public var correctedQuery: String?
    /// True when some shards could not be reached and were left out (only with partial results allowed).
    public var partial = false

    public static func == (a: SearchResponse, b: SearchResponse) -> Bool {
        a.query == b.query && a.total == b.total && a.offset == b.offset && a.limit == b.limit && a.hits == b.hits
            && a.suggestion == b.suggestion && a.correctedQuery == b.correctedQuery && a.facets.map(\.facet) == b.facets.map(\.facet)
            && a.facets.map(\.values) == b.facets.map(\.values) && a.partial == b.partial
    }

    /// The response with `query` as the query asked (its hits are for `correctedQuery`).
    func answering(_ query: String) -> SearchResponse {
        SearchResponse(query: query, total: total, totalIsExact: totalIsExact, offset: offset, limit: limit, hits: hits, facets: facets,
                       suggestion: suggestion, correctedQuery: correctedQuery, partial: partial)
    }

    public func facetValues(_ facet: Facet) -> [FacetValue]? {
        facets.first(where: { $0.facet == facet })?.values
    }

    /// The response as one JSON object; keys in the documented order.
    public var json: String {
        var writer = JSONWriter()
        writeJSON(to: &writer)
        return writer.string
    }

    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("query"); writer.string(query)
        writer.key("total"); writer.int(total)
        writer.key("offset"); writer.int(offset)
        writer.key("limit"); writer.int(limit)
        writer.key("hits")
        writer.beginArray()
        for hit in hits {
            writer.beginObject()
            hit.post.writeFields(to: &writer)
            hit.post.writeCustomFields(to: &writer)
            writer.key("title_html"); writer.string(hit.title.html)
            writer.key("score"); writer.double(hit.score)
            writer.key("snippet"); writer.string(hit.snippet.html)
            writer.endObject()
        }
        writer.endArray()
        writer.key("facets")
        writer.beginObject()
        for (facet, values) in facets {
            writer.key(facet.name)
            writer.beginArray()
            for value in values {
                writer.beginObject()
                writer.key("value"); writer.string(value.value)
                writer.key("count"); writer.int(value.count)
                writer.key("selected"); writer.bool(value.selected)
                writer.endObject()
            }
            writer.endArray()
        }
        writer.endObject()
        writer.key("suggestion"); if let suggestion { writer.string(suggestion) } else { writer.null() }
        writer.key("corrected_query"); if let correctedQuery { writer.string(correctedQuery) } else { writer.null() }
        writer.key("partial"); writer.bool(partial)
        writer.endObject()
    }
}
