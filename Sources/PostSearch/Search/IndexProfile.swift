/// What one revision of an index holds that shapes its queries and facets: the stemmers its
/// posts were indexed with, and how many value slots each multi-valued field uses. Read when a
/// searcher opens the index and again whenever it moves to a new revision.
struct IndexProfile {
    /// The stemmer of posts with no language of their own.
    let defaultStemmer: String
    /// Every stemmer some post was indexed with ("none" for posts indexed unstemmed).
    let stemmers: [String]
    /// Value slots in use per multi-valued field.
    let slotCounts: [String: Int]
    /// The index's synonyms file (`postsearch synonyms set`), read.
    let synonyms: Synonyms
    /// The built-in fields and the index's custom ones.
    let schema: IndexSchema

    init(database: XapianDatabase, analyzer: QueryAnalyzer) throws {
        let stored = try database.metadata(Schema.MetadataKey.language)
        defaultStemmer = stored.isEmpty ? Indexer.defaultLanguage : stored
        let recorded = try database.metadata(Schema.MetadataKey.stemmers)
        if !recorded.isEmpty {
            stemmers = recorded.split(separator: ",").map(String.init)
        } else {
            stemmers = try Self.stemmersFromLanguages(database, defaultStemmer: defaultStemmer)
        }
        schema = IndexSchema(metadata: try database.metadata(Schema.MetadataKey.fields))
        // Read from the value statistics, which every shard (local or remote) reports, rather
        // than from one shard's metadata.
        var counts: [String: Int] = [:]
        for field in schema.listFields {
            var used = 0
            while used < Schema.maxValuesPerField, try database.valueFrequency(slot: field.slotBase! + UInt32(used)) > 0 { used += 1 }
            counts[field.name] = used
        }
        slotCounts = counts
        let synonymsText = try database.metadata(Schema.MetadataKey.synonyms)
        // A file that no longer reads (it was checked when set) is no reason to refuse searches.
        synonyms = synonymsText.isEmpty ? .empty : (try? Synonyms(parsing: synonymsText, analyzer: analyzer)) ?? .empty
    }

    /// For an index written before stemmers were recorded: the stemmers of the languages its
    /// posts name, and the default one when some post names none.
    private static func stemmersFromLanguages(_ database: XapianDatabase, defaultStemmer: String) throws -> [String] {
        let prefix = Schema.language.filterPrefix!
        let primary = try database.allTerms(prefix: prefix).filter { !$0.term.dropFirst(prefix.count).contains("-") }
        var found = Set(primary.map { Languages.stemmer(for: String($0.term.dropFirst(prefix.count))) })
        if primary.reduce(0, { $0 + $1.frequency }) < (try database.documentCount) { found.insert(defaultStemmer) }
        return found.isEmpty ? [defaultStemmer] : found.sorted()
    }

    /// The value slots holding `facet`'s values.
    func slots(of facet: Facet) -> [UInt32] {
        guard let field = schema.field(named: facet.name), let base = field.slotBase else { return [] }
        guard field.flags.contains(.multiValued) else { return [base] }
        return (0..<slotCounts[field.name, default: 0]).map { base + UInt32($0) }
    }
}
