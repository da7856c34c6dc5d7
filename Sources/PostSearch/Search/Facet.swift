/// A field whose values can be counted: `category`, `author`, `tag`, `language`, `year`, `month`
/// (the `Schema` rows flagged as facets).
public struct Facet: Hashable, Sendable, CustomStringConvertible {
    public let name: String

    init(_ name: String) { self.name = name }

    public static let category = Facet("category")
    public static let author = Facet("author")
    public static let tag = Facet("tag")
    public static let language = Facet("language")
    public static let year = Facet("year")
    public static let month = Facet("month")

    /// Every facet, in the order the schema lists them.
    public static var all: [Facet] { Schema.facetNames.map(Facet.init) }

    public var description: String { name }

    /// Calendar buckets (year, month) rather than values.
    var isCalendar: Bool { Schema.field(named: name)?.flags.contains(.calendar) ?? false }

    /// Parses a comma-separated list (`category,year`), rejecting names that are not among
    /// `known` (the built-in facets, and an index's custom fields when it is known). With
    /// `allowingCustom`, any name a custom field could have passes, for the index to judge.
    public static func parseList(_ text: String, known: [String] = Schema.facetNames, allowingCustom: Bool = false) throws -> [Facet] {
        var facets: [Facet] = []
        for name in text.split(separator: ",").map({ String($0).trimmingWhitespace().lowercased() }) where !name.isEmpty {
            guard known.contains(name) || allowingCustom && CustomFields.problem(with: name) == nil else {
                throw PostSearchError.invalidParameter(
                    name: "facets", message: "unknown facet \"\(name)\"; choose from \(known.joined(separator: ", "))")
            }
            if !facets.contains(Facet(name)) { facets.append(Facet(name)) }
        }
        return facets
    }
}
