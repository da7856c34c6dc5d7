import CXapianShim

/// A read-only Xapian database (owns a `cxs_database`). Not thread-safe: one thread at a time.
final class XapianDatabase {
    let handle: DatabaseHandle

    init(path: String) throws {
        handle = try xapianMake { cxs_database_open(path, $0) }
    }

    /// A database served by `xapian-tcpsrv`.
    init(host: String, port: Int, timeout: Double) throws {
        let milliseconds = UInt32(max(1, timeout * 1000))
        handle = try xapianMake { cxs_database_open_remote(host, UInt32(port), milliseconds, milliseconds, $0) }
    }

    /// A database served by a program on its standard input and output (`xapian-progsrv`).
    init(program: String, arguments: String, timeout: Double) throws {
        handle = try xapianMake { cxs_database_open_program(program, arguments, UInt32(max(1, timeout * 1000)), $0) }
    }

    deinit { cxs_database_free(handle) }

    /// Adds another database's shards, to search them as one.
    func add(_ other: XapianDatabase) throws {
        try xapianCall { cxs_database_add_database(handle, other.handle, $0) }
    }

    /// Moves to the latest commit; returns whether anything changed.
    @discardableResult
    func reopen() throws -> Bool {
        var changed = false
        try xapianCall { cxs_database_reopen(handle, &changed, $0) }
        return changed
    }

    var documentCount: Int {
        get throws {
            var count: UInt32 = 0
            try xapianCall { cxs_database_doccount(handle, &count, $0) }
            return Int(count)
        }
    }

    var revision: UInt64 {
        get throws {
            var revision: UInt64 = 0
            try xapianCall { cxs_database_revision(handle, &revision, $0) }
            return revision
        }
    }

    func termExists(_ term: String) throws -> Bool {
        var exists = false
        try withCBytes(term) { ptr, len in try xapianCall { cxs_database_term_exists(handle, ptr, len, &exists, $0) } }
        return exists
    }

    /// The most frequent word of the spelling dictionary within `maxEdits` edits of `word`, if any.
    func spellingSuggestion(for word: String, maxEdits: Int = 2) throws -> String? {
        var out = cxs_bytes()
        try withCBytes(word) { ptr, len in
            try xapianCall { cxs_database_spelling_suggestion(handle, ptr, len, UInt32(maxEdits), &out, $0) }
        }
        let suggestion = takeString(out)
        return suggestion.isEmpty ? nil : suggestion
    }

    /// Writes a compacted copy into the new folder `output` (as xapian-compact).
    func compact(to output: String) throws {
        try xapianCall { cxs_database_compact(handle, output, $0) }
    }

    func valueFrequency(slot: UInt32) throws -> Int {
        var freq: UInt32 = 0
        try xapianCall { cxs_database_value_freq(handle, slot, &freq, $0) }
        return Int(freq)
    }

    func metadata(_ key: String) throws -> String {
        var out = cxs_bytes()
        try xapianCall { cxs_database_metadata(handle, key, &out, $0) }
        return takeString(out)
    }

    /// The data of the document indexed by `term`, or nil when no document has it.
    func data(forTerm term: String) throws -> [UInt8]? {
        var found = false
        var out = cxs_bytes()
        try withCBytes(term) { ptr, len in
            try xapianCall { cxs_database_data_by_term(handle, ptr, len, &found, &out, $0) }
        }
        let bytes = takeBytes(out)
        return found ? bytes : nil
    }

    /// The id of the document indexed by `term`, or nil.
    func documentID(forTerm term: String) throws -> UInt32? {
        var docid: UInt32 = 0
        var found = false
        try withCBytes(term) { ptr, len in try xapianCall { cxs_database_docid_for_term(handle, ptr, len, &docid, &found, $0) } }
        return found ? docid : nil
    }

    /// Every term starting with `prefix`, with its document frequency, in term order.
    func allTerms(prefix: String) throws -> [(term: String, frequency: Int)] {
        let list = try withCBytes(prefix) { ptr, len in
            try xapianMake { cxs_database_allterms(handle, ptr, len, $0) }
        }
        return XapianTermList(list).items
    }

}

/// Copies a shim term list into Swift and frees it.
struct XapianTermList {
    let items: [(term: String, frequency: Int)]

    init(_ list: TermListHandle) {
        defer { cxs_termlist_free(list) }
        var items: [(String, Int)] = []
        let count = cxs_termlist_count(list)
        items.reserveCapacity(count)
        for index in 0..<count {
            var length = 0
            guard let term = cxs_termlist_term(list, index, &length) else { continue }
            let text = String(decoding: UnsafeRawBufferPointer(start: term, count: length), as: UTF8.self)
            items.append((text, Int(cxs_termlist_freq(list, index))))
        }
        self.items = items
    }
}
