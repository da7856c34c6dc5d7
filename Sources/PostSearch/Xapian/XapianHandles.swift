/// The shim's handles by kind. C's incomplete struct types all arrive in Swift as
/// `OpaquePointer`; these names say which `cxs_*` type each one holds.
typealias DatabaseHandle = OpaquePointer          // cxs_database
typealias WritableDatabaseHandle = OpaquePointer  // cxs_writable
typealias DocumentHandle = OpaquePointer          // cxs_document
typealias TermGeneratorHandle = OpaquePointer     // cxs_termgen
typealias QueryHandle = OpaquePointer             // cxs_query
typealias EnquireHandle = OpaquePointer           // cxs_enquire
typealias ValueCountSpyHandle = OpaquePointer     // cxs_spy
typealias MSetHandle = OpaquePointer              // cxs_mset
typealias TermListHandle = OpaquePointer          // cxs_termlist
typealias StemmerHandle = OpaquePointer           // cxs_stemmer
typealias FacetColumnHandle = OpaquePointer       // cxs_facet_column
typealias ColumnSpyHandle = OpaquePointer         // cxs_column_spy
