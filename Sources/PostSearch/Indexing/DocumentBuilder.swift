/// Turns a `Post` into a Xapian document following the `Schema`.
final class DocumentBuilder {
    /// Title words count this many times a body word's within-document frequency.
    static let titleWeight: UInt32 = 4

    private let termGenerator: XapianTermGenerator

    init(termGenerator: XapianTermGenerator) {
        self.termGenerator = termGenerator
    }

    /// One builder per stemmer, made when first needed. A cache (like its builders) belongs to
    /// one thread at a time.
    struct Cache {
        private var builders: [String: DocumentBuilder] = [:]

        mutating func builder(for stemmer: String) throws -> DocumentBuilder {
            if let builder = builders[stemmer] { return builder }
            let builder = DocumentBuilder(termGenerator: try XapianTermGenerator(language: stemmer))
            builders[stemmer] = builder
            return builder
        }
    }

    /// The stored form of a post: its JSON (compared byte for byte to detect unchanged posts).
    static func storedData(of post: Post) -> [UInt8] {
        var writer = JSONWriter()
        post.writeJSON(to: &writer)
        return writer.bytes
    }

    /// `schema` holds the index's custom fields (the built-in ones are always there).
    func document(for post: Post, data: [UInt8], source: String?, schema: IndexSchema = .builtIn) throws -> XapianDocument {
        let document = try XapianDocument()
        try termGenerator.setDocument(document)

        // Terms are made from accent-folded text; queries are folded the same way.
        let title = TextFolding.fold(post.title)
        // Title: once with its prefix (title:word), once unprefixed with extra weight.
        try termGenerator.indexText(title, prefix: Schema.title.textPrefix!)
        try termGenerator.increaseTermPosition()
        try termGenerator.indexText(title, weight: Self.titleWeight)
        try termGenerator.increaseTermPosition()
        try termGenerator.indexText(TextFolding.fold(post.body))

        for field in schema.listFields {
            for (position, value) in field.values(of: post).enumerated() {
                try addListValue(value, at: position, of: field, to: document)
            }
        }
        if let language = post.language { try addLanguage(language, to: document) }
        if let date = post.date {
            try document.addValue(date.sortKey, slot: Schema.dateSlot)
            try document.addValue(date.instantKey, slot: Schema.instantSlot)
            try document.addValue(date.dayString, slot: Schema.daySlot)
            try document.addValue(date.yearString, slot: Schema.year.slotBase!)
            try document.addValue(date.monthString, slot: Schema.month.slotBase!)
            try document.addBooleanTerm(Schema.year.filterPrefix! + date.yearString)
            try document.addBooleanTerm(Schema.month.filterPrefix! + date.monthString.replacingOccurrences(of: "-", with: ""))
            try document.addBooleanTerm(Schema.dayTerm(date.dayString))
        }
        try document.addBooleanTerm(Schema.idTerm(post.id))
        if let source { try document.addBooleanTerm(Schema.sourceTerm(source)) }
        try document.setData(data)
        return document
    }

    /// A value of an author, category, tag or custom-field list: its words (in the field and
    /// unprefixed), its filter term and its value slot (for facets).
    private func addListValue(_ value: String, at position: Int, of field: Field, to document: XapianDocument) throws {
        let folded = TextFolding.fold(value)
        try termGenerator.increaseTermPosition()
        try termGenerator.indexText(folded, prefix: field.textPrefix!)
        try termGenerator.increaseTermPosition()
        try termGenerator.indexText(folded)
        let filter = Schema.filterValue(value)
        if !filter.isEmpty { try document.addBooleanTerm(field.filterPrefix! + filter) }
        if position < Schema.maxValuesPerField { try document.addValue(value, slot: field.slotBase! + UInt32(position)) }
    }

    /// `lang:en` finds posts tagged "en" and "en-US" alike; the facet counts the primary code.
    private func addLanguage(_ language: String, to document: XapianDocument) throws {
        let field = Schema.language
        let given = Schema.filterValue(language)
        guard !given.isEmpty else { return }
        try document.addBooleanTerm(field.filterPrefix! + given)
        let primary = Languages.primaryCode(given)
        if !primary.isEmpty, primary != given { try document.addBooleanTerm(field.filterPrefix! + primary) }
        if !primary.isEmpty { try document.addValue(primary, slot: field.slotBase!) }
    }
}
