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

    func document(for post: Post, data: [UInt8], source: String?) throws -> XapianDocument {
        let document = try XapianDocument()
        try termGenerator.setDocument(document)

        // Terms are made from accent-folded text; queries are folded the same way.
        let title = TextFolding.fold(post.title)
        // Title: once with its prefix (title:word), once unprefixed with extra weight.
        try termGenerator.indexText(title, prefix: Schema.titlePrefix)
        try termGenerator.increaseTermPosition()
        try termGenerator.indexText(title, weight: Self.titleWeight)
        try termGenerator.increaseTermPosition()
        try termGenerator.indexText(TextFolding.fold(post.body))

        for field in Schema.listFields {
            let values = post[keyPath: field.path]
            for (position, value) in values.enumerated() {
                let folded = TextFolding.fold(value)
                try termGenerator.increaseTermPosition()
                try termGenerator.indexText(folded, prefix: field.textPrefix)
                try termGenerator.increaseTermPosition()
                try termGenerator.indexText(folded)
                let filter = Schema.filterValue(value)
                if !filter.isEmpty { try document.addBooleanTerm(field.filterPrefix + filter) }
                if position < Schema.maxValuesPerField {
                    try document.addValue(value, slot: field.slotBase + UInt32(position))
                }
            }
        }

        // `lang:en` finds posts tagged "en" and "en-US" alike.
        if let language = post.language.map(Schema.filterValue), !language.isEmpty {
            try document.addBooleanTerm(Schema.languagePrefix + language)
            let primary = Languages.primaryCode(language)
            if !primary.isEmpty, primary != language { try document.addBooleanTerm(Schema.languagePrefix + primary) }
        }
        if let date = post.date {
            try document.addValue(date.sortKey, slot: Schema.dateSlot)
            try document.addValue(date.instantKey, slot: Schema.instantSlot)
            try document.addValue(date.yearString, slot: Schema.yearSlot)
            try document.addValue(date.monthString, slot: Schema.monthSlot)
            try document.addBooleanTerm(Schema.yearPrefix + date.yearString)
            try document.addBooleanTerm(Schema.monthPrefix + date.monthString.replacingOccurrences(of: "-", with: ""))
            try document.addBooleanTerm(Schema.dayPrefix + date.dayString.replacingOccurrences(of: "-", with: ""))
        }
        try document.addBooleanTerm(Schema.idTerm(post.id))
        if let source { try document.addBooleanTerm(Schema.sourceTerm(source)) }
        try document.setData(data)
        return document
    }
}
