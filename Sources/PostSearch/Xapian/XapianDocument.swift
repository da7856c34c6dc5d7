import CXapianShim

/// A Xapian document being built for indexing (owns a `cxs_document`).
final class XapianDocument {
    let handle: DocumentHandle

    init() throws {
        handle = try xapianMake { cxs_document_new($0) }
    }

    /// Takes ownership of a document the shim made (one read from a database).
    init(handle: DocumentHandle) {
        self.handle = handle
    }

    deinit { cxs_document_free(handle) }

    func setData(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { raw in
            let chars = raw.baseAddress?.assumingMemoryBound(to: CChar.self)
            try xapianCall { cxs_document_set_data(handle, chars, raw.count, $0) }
        }
    }

    func addValue(_ value: String, slot: UInt32) throws {
        try withCBytes(value) { ptr, len in
            try xapianCall { cxs_document_add_value(handle, slot, ptr, len, $0) }
        }
    }

    func addBooleanTerm(_ term: String) throws {
        try withCBytes(term) { ptr, len in
            try xapianCall { cxs_document_add_boolean_term(handle, ptr, len, $0) }
        }
    }
}

/// Xapian's TermGenerator with a stemmer: splits text into (prefixed, stemmed) terms with positions.
final class XapianTermGenerator {
    enum StemStrategy: Int32 { case none = 0, some = 1, all = 2, allZ = 3, someFullPositions = 4 }

    let handle: TermGeneratorHandle

    /// `language` is a Snowball stemmer name or ISO code ("english", "en", "none").
    init(language: String, strategy: StemStrategy = .some) throws {
        handle = try xapianMake { cxs_termgen_new(language, strategy.rawValue, $0) }
    }

    deinit { cxs_termgen_free(handle) }

    func setDocument(_ document: XapianDocument) throws {
        try xapianCall { cxs_termgen_set_document(handle, document.handle, $0) }
    }

    func indexText(_ text: String, weight: UInt32 = 1, prefix: String = "") throws {
        try withCBytes(text) { ptr, len in
            try xapianCall { cxs_termgen_index_text(handle, ptr, len, weight, prefix, $0) }
        }
    }

    /// The unprefixed terms `text` gives, as `indexText` would make them, each with its position,
    /// in written order; CJK character pairs (which have no position) last, with position 0.
    func terms(of text: String) throws -> [(term: String, position: Int)] {
        let list = try withCBytes(text) { ptr, len in try xapianMake { cxs_termgen_terms_of(handle, ptr, len, $0) } }
        return XapianTermList(list).items.map { ($0.term, $0.frequency) }
    }

    func increaseTermPosition(by delta: UInt32 = 100) throws {
        try xapianCall { cxs_termgen_increase_termpos(handle, delta, $0) }
    }
}
