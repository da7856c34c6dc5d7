import CXapianShim

/// The values of some value slots of a local database, held in memory per document (owns a
/// `cxs_facet_column`). Loaded for one revision; immutable, so threads may share it.
final class XapianFacetColumn: @unchecked Sendable {
    let handle: FacetColumnHandle

    init(database: XapianDatabase, slots: [UInt32]) throws {
        handle = try slots.withUnsafeBufferPointer { buffer in
            try xapianMake { cxs_facet_column_load(database.handle, buffer.baseAddress, buffer.count, $0) }
        }
    }

    deinit { cxs_facet_column_free(handle) }
}

/// Counts a `XapianFacetColumn`'s values of every document the next match examines.
final class XapianColumnSpy {
    let handle: ColumnSpyHandle
    /// The spy reads the column: it lives as long as the spy.
    private let column: XapianFacetColumn

    init(enquire: EnquireHandle, column: XapianFacetColumn) throws {
        handle = try xapianMake { cxs_enquire_add_column_spy(enquire, column.handle, $0) }
        self.column = column
    }

    deinit { cxs_column_spy_free(handle) }

    /// Every counted value with its count, in no particular order.
    func values() throws -> [(term: String, frequency: Int)] {
        XapianTermList(try xapianMake { cxs_column_spy_values(handle, $0) }).items
    }
}

extension XapianFacetColumn {
    /// Every value of the column with its count over the documents of `set`, in no particular order.
    func counts(in set: XapianDocSet) throws -> [(term: String, frequency: Int)] {
        XapianTermList(try xapianMake { cxs_facet_column_count(handle, set.handle, $0) }).items
    }
}

/// The documents a query matches in a local database, read from posting lists without a match
/// (owns a `cxs_docset`): for counting facets over every match at a few nanoseconds a posting.
final class XapianDocSet {
    let handle: OpaquePointer  // cxs_docset
    /// How many documents match.
    let count: Int

    /// Nil when the query needs a match to be answered (phrases, value ranges, wildcards, …).
    init?(query: XapianQuery, database: XapianDatabase) throws {
        var err = cxs_error()
        var supported = false
        guard let handle = cxs_docset_of_query(database.handle, query.handle, &supported, &err) else {
            if supported || err.status != CXS_OK { throw XapianError(err) }
            return nil
        }
        self.handle = handle
        count = Int(cxs_docset_count(handle))
    }

    deinit { cxs_docset_free(handle) }
}
