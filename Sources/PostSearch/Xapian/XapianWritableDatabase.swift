import CXapianShim

/// The one writer of a Xapian database (owns a `cxs_writable`). Commits are explicit so that
/// their errors surface; `close()` commits and releases the lock.
final class XapianWritableDatabase {
    private(set) var handle: WritableDatabaseHandle?

    init(path: String, create: Bool = true) throws {
        handle = try xapianMake { cxs_writable_open(path, create, $0) }
    }

    /// A scratch database for a bulk build, created afresh (see `cxs_writable_open_scratch`):
    /// never synced, so only for parts that are merged or thrown away.
    init(scratchAt path: String) throws {
        handle = try xapianMake { cxs_writable_open_scratch(path, $0) }
    }

    deinit { cxs_writable_free(handle) }

    /// Xapian's revision: it grows with every commit, and starts again at a compaction.
    var revision: UInt64 {
        get throws {
            var revision: UInt64 = 0
            try xapianCall { cxs_writable_revision(handle, &revision, $0) }
            return revision
        }
    }

    /// Adds a document whose id is known to be new (no id lookup, unlike `replace`).
    @discardableResult
    func add(_ document: XapianDocument) throws -> UInt32 {
        var docid: UInt32 = 0
        try xapianCall { cxs_writable_add_document(handle, document.handle, &docid, $0) }
        return docid
    }

    /// Deletes every document with `term` but the newest (highest docid); returns how many went.
    @discardableResult
    func keepNewest(ofTerm term: String) throws -> Int {
        var deleted: UInt32 = 0
        try withCBytes(term) { ptr, len in
            try xapianCall { cxs_writable_keep_last_of_term(handle, ptr, len, &deleted, $0) }
        }
        return Int(deleted)
    }

    func commit() throws {
        try xapianCall { cxs_writable_commit(handle, $0) }
    }

    /// Makes the spelling dictionary match the words in the database (see the shim); returns
    /// how many words changed. Takes effect at the next commit.
    @discardableResult
    func syncSpelling() throws -> Int {
        var changed: UInt32 = 0
        try xapianCall { cxs_writable_sync_spelling(handle, &changed, $0) }
        return Int(changed)
    }

    /// Commits and releases the lock; the handle is unusable afterwards.
    func close() throws {
        let h = handle
        handle = nil
        try xapianCall { cxs_writable_close(h, $0) }
    }

    func replace(idTerm: String, with document: XapianDocument) throws {
        try withCBytes(idTerm) { ptr, len in
            try xapianCall { cxs_writable_replace_by_term(handle, ptr, len, document.handle, $0) }
        }
    }

    func delete(idTerm: String) throws {
        try withCBytes(idTerm) { ptr, len in
            try xapianCall { cxs_writable_delete_by_term(handle, ptr, len, $0) }
        }
    }

    func contains(term: String) throws -> Bool {
        var exists = false
        try withCBytes(term) { ptr, len in
            try xapianCall { cxs_writable_term_exists(handle, ptr, len, &exists, $0) }
        }
        return exists
    }

    /// The data of the document indexed by `term`, or nil when no document has it.
    func data(forTerm term: String) throws -> [UInt8]? {
        var found = false
        var out = cxs_bytes()
        try withCBytes(term) { ptr, len in
            try xapianCall { cxs_writable_data_by_term(handle, ptr, len, &found, &out, $0) }
        }
        let bytes = takeBytes(out)
        return found ? bytes : nil
    }

    var documentCount: Int {
        get throws {
            var count: UInt32 = 0
            try xapianCall { cxs_writable_doccount(handle, &count, $0) }
            return Int(count)
        }
    }

    func metadata(_ key: String) throws -> String {
        var out = cxs_bytes()
        try xapianCall { cxs_writable_metadata(handle, key, &out, $0) }
        return takeString(out)
    }

    func setMetadata(_ key: String, _ value: String) throws {
        try withCBytes(value) { ptr, len in
            try xapianCall { cxs_writable_set_metadata(handle, key, ptr, len, $0) }
        }
    }
}
