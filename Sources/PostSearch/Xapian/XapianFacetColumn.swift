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
