/// Turns a `Post` into a Xapian document following the `Schema`.
final class DocumentBuilder {
    /// Title words count this many times a body word's within-document frequency.
    static let titleWeight: UInt32 = 4

    private let termGenerator: XapianTermGenerator

    init(termGenerator: XapianTermGenerator) {
        self.termGenerator = termGenerator
    }

    /// The stored form of a post: its JSON (compared byte for byte to detect unchanged posts).
    static func storedData(of post: Post) -> [UInt8] {
        var writer = JSONWriter()
        post.writeJSON(to: &writer)
        return writer.bytes
    }

    func document(for post: Post, data: [UInt8]) throws -> XapianDocument {
        let document = try XapianDocument()
        try termGenerator.setDocument(document)

        // Title: once with its prefix (title:word), once unprefixed with extra weight.
        try termGenerator.indexText(post.title, prefix: Schema.titlePrefix)
        try termGenerator.increaseTermPosition()
        try termGenerator.indexText(post.title, weight: Self.titleWeight)
        try termGenerator.increaseTermPosition()
        try termGenerator.indexText(post.body)

        for field in Schema.listFields {
            let values = post[keyPath: field.path]
            for (position, value) in values.enumerated() {
                try termGenerator.increaseTermPosition()
                try termGenerator.indexText(value, prefix: field.textPrefix)
                try termGenerator.increaseTermPosition()
                try termGenerator.indexText(value)
                let filter = Schema.filterValue(value)
                if !filter.isEmpty { try document.addBooleanTerm(field.filterPrefix + filter) }
                if position < Schema.maxValuesPerField {
                    try document.addValue(value, slot: field.slotBase + UInt32(position))
                }
            }
        }

        if let language = post.language.map(Schema.filterValue), !language.isEmpty {
            try document.addBooleanTerm(Schema.languagePrefix + language)
        }
        if let date = post.date {
            try document.addValue(date.sortKey, slot: Schema.dateSlot)
            try document.addValue(date.yearString, slot: Schema.yearSlot)
            try document.addValue(date.monthString, slot: Schema.monthSlot)
            try document.addBooleanTerm(Schema.yearPrefix + date.yearString)
            try document.addBooleanTerm(Schema.monthPrefix + date.monthString.replacingOccurrences(of: "-", with: ""))
            try document.addBooleanTerm(Schema.dayPrefix + date.dayString.replacingOccurrences(of: "-", with: ""))
        }
        try document.addBooleanTerm(Schema.idTerm(post.id))
        try document.setData(data)
        return document
    }
}
