/// A request's filters, kept per facet so that each facet can be counted with its own filter
/// left out (multi-select faceting) while every other filter still applies.
struct SearchFilters {
    /// Filters that a facet's selection sets: a category facet value sets the category filter,
    /// a year or month bucket sets the date range.
    enum Group: Hashable { case category, author, tag, date }

    private var parts: [Group: XapianQuery] = [:]
    /// Date filters written in the query text (`date:`, `year:`): part of the query, never left out.
    private var fixed: [XapianQuery] = []
    private var selectedValues: [Group: Set<String>] = [:]
    private let range: (low: String?, high: String?)

    init(request: SearchRequest, queryDates: [QuerySyntax.DateFilter]) throws {
        let lists: [(Group, Schema.ListField, [String])] = [
            (.category, Schema.categories, request.categories), (.author, Schema.authors, request.authors),
            (.tag, Schema.tags, request.tags),
        ]
        for (group, field, values) in lists where !values.isEmpty {
            let folded = Set(values.map(Schema.filterValue))
            selectedValues[group] = folded
            parts[group] = try XapianQuery.any(try folded.sorted().map { try XapianQuery.term(field.filterPrefix + $0) })
        }
        range = try request.dateRange()
        if range.low != nil || range.high != nil {
            parts[.date] = try XapianQuery.valueRange(slot: Schema.dateSlot, low: range.low, high: range.high)
        }
        for date in queryDates {
            fixed.append(try XapianQuery.valueRange(slot: Schema.dateSlot, low: date.low, high: date.high))
        }
    }

    static func group(of facet: Facet) -> Group {
        switch facet {
        case .category: .category
        case .author: .author
        case .tag: .tag
        case .year, .month: .date
        }
    }

    /// Whether a filter of this facet's group is set (so the facet is counted in its own match).
    func selects(_ facet: Facet) -> Bool { parts[Self.group(of: facet)] != nil }

    /// The requested facets whose filters are set, grouped so each group needs one extra match.
    func selectedGroups(among facets: [Facet]) -> [[Facet]] {
        var groups: [Group: [Facet]] = [:]
        var order: [Group] = []
        for facet in facets where selects(facet) {
            let group = Self.group(of: facet)
            if groups[group] == nil { order.append(group) }
            groups[group, default: []].append(facet)
        }
        return order.map { groups[$0]! }
    }

    /// `textQuery` filtered by every filter except those of `excluded`'s group.
    func apply(to textQuery: XapianQuery, excluding excluded: Facet?) throws -> XapianQuery {
        let skip = excluded.map(Self.group(of:))
        var filters = fixed
        for group in [Group.category, .author, .tag, .date] where group != skip {
            if let part = parts[group] { filters.append(part) }
        }
        guard var filter = filters.first else { return textQuery }
        for part in filters.dropFirst() { filter = try filter.combined(.and, with: part) }
        return try textQuery.combined(.filter, with: filter)
    }

    /// Tells whether a facet value is among the selected ones.
    func selection(for facet: Facet) -> (String) -> Bool {
        switch Self.group(of: facet) {
        case .date:
            guard range.low != nil || range.high != nil else { return { _ in false } }
            let (low, high) = range
            // A bucket ("2021", "2021-06") is selected when it lies inside the range.
            return { bucket in
                guard bucket != "unknown" else { return false }
                return (low.map { bucket >= $0 } ?? true) && (high.map { bucket + "~" <= $0 } ?? true)
            }
        case let group:
            let values = selectedValues[group] ?? []
            return { values.contains(Schema.filterValue($0)) }
        }
    }
}
