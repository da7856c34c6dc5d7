/// A request's filters, kept per group so that each facet can be counted with its own filter
/// left out (multi-select faceting) while every other filter still applies.
///
/// A group is a filterable field of the schema (`category`, `author`, `tag`, `language`), or
/// `date` for the date range, which the `year` and `month` facets select.
struct SearchFilters {
    private static let dateGroup = "date"

    private var parts: [String: XapianQuery] = [:]
    /// Filters that are part of the query (`date:`, `year:`, and `author:`, `lang:` … in a list of
    /// words): never left out.
    private var fixed: [XapianQuery] = []
    private var selectedValues: [String: Set<String>] = [:]
    private let range: (low: String?, high: String?)

    init(request: SearchRequest, schema: IndexSchema, queryDates: [DateFilter], queryFilter: XapianQuery?) throws {
        for (name, values) in request.filters where !values.isEmpty {
            guard let field = schema.field(named: name), field.flags.contains(.filter) else { continue }
            let chosen = field == Schema.language ? values.map { Languages.code(for: $0) ?? $0 } : values
            let folded = Set(chosen.map(Schema.filterValue))
            selectedValues[field.name] = folded
            parts[field.name] = try XapianQuery.any(try folded.sorted().map { try XapianQuery.term(field.filterPrefix! + $0) })
        }
        range = try request.dateRange()
        if range.low != nil || range.high != nil {
            parts[Self.dateGroup] = try XapianQuery.valueRange(slot: Schema.dateSlot, low: range.low, high: range.high)
        }
        for date in queryDates {
            fixed.append(try XapianQuery.valueRange(slot: Schema.dateSlot, low: date.low, high: date.high))
        }
        if let queryFilter { fixed.append(queryFilter) }
    }

    /// The group a facet's selection sets: a category value sets the category filter, a year or
    /// month bucket the date range.
    static func group(of facet: Facet) -> String {
        facet.isCalendar ? dateGroup : facet.name
    }

    /// Whether a filter of this facet's group is set (so the facet is counted in its own match).
    func selects(_ facet: Facet) -> Bool { parts[Self.group(of: facet)] != nil }

    /// The requested facets whose filters are set, grouped so each group needs one extra match.
    func selectedGroups(among facets: [Facet]) -> [[Facet]] {
        var groups: [String: [Facet]] = [:]
        var order: [String] = []
        for facet in facets where selects(facet) {
            let group = Self.group(of: facet)
            if groups[group] == nil { order.append(group) }
            groups[group, default: []].append(facet)
        }
        return order.map { groups[$0]! }
    }

    /// `textQuery` (nil: every post) filtered by every filter except those of `excluded`'s group.
    func apply(to textQuery: XapianQuery?, excluding excluded: Facet?) throws -> XapianQuery {
        let skip = excluded.map(Self.group(of:))
        var filters = fixed
        for group in parts.keys.sorted() where group != skip { filters.append(parts[group]!) }
        let base = try textQuery ?? XapianQuery.matchAll()
        guard !filters.isEmpty else { return base }
        let filter = filters.count == 1 ? filters[0] : try XapianQuery.combine(.and, filters)
        return try base.combined(.filter, with: filter)
    }

    /// Tells whether a facet value is among the selected ones.
    func selection(for facet: Facet) -> (String) -> Bool {
        let group = Self.group(of: facet)
        if group == Self.dateGroup {
            guard range.low != nil || range.high != nil else { return { _ in false } }
            let (low, high) = range
            // A bucket ("2021", "2021-06") is selected when it lies inside the range.
            return { bucket in
                guard bucket != "unknown" else { return false }
                return (low.map { bucket >= $0 } ?? true) && (high.map { bucket + "~" <= $0 } ?? true)
            }
        }
        let values = selectedValues[group] ?? []
        return { values.contains(Schema.filterValue($0)) }
    }
}
