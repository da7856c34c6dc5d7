import CXapianShim
import Foundation
import Testing
@testable import PostSearch

/// Every shim entry point given bad input returns an error instead of aborting the process.
@Suite struct ShimContractTests {
    @Test func nullHandlesReportInvalidArgument() {
        var err = cxs_error()
        var count: UInt32 = 0
        #expect(!cxs_database_doccount(nil, &count, &err))
        #expect(err.status == CXS_INVALID_ARGUMENT)
        #expect(cxs_database_open(nil, &err) == nil)
        #expect(!cxs_writable_commit(nil, &err))
        #expect(!cxs_writable_replace_by_term(nil, "Qx", 2, nil, &err))
        #expect(!cxs_document_add_boolean_term(nil, "K", 1, &err))
        #expect(!cxs_termgen_index_text(nil, "text", 4, 1, "", &err))
        #expect(cxs_termgen_terms_of(nil, "q", 1, &err) == nil)
        let missing: [OpaquePointer?] = [nil, nil]
        #expect(missing.withUnsafeBufferPointer { cxs_query_combine_list(CXS_OP_AND, $0.baseAddress, 2, 0, &err) } == nil)
        #expect(cxs_query_wildcard(nil, 0, 10, false, &err) == nil)
        #expect(cxs_enquire_new(nil, &err) == nil)
        #expect(cxs_enquire_mset(nil, 0, 10, 0, &err) == nil)
        #expect(cxs_spy_values(nil, &err) == nil)
        #expect(cxs_mset_size(nil) == 0)
        var weight = 0.0
        #expect(!cxs_mset_weight(nil, 0, &weight, &err))
        #expect(err.status == CXS_INVALID_ARGUMENT)
        // Freeing NULL is harmless.
        cxs_database_free(nil); cxs_writable_free(nil); cxs_document_free(nil); cxs_termgen_free(nil)
        cxs_query_free(nil); cxs_enquire_free(nil); cxs_spy_free(nil)
        cxs_mset_free(nil); cxs_termlist_free(nil)
    }

    @Test func missingDatabaseIsAnErrorNotACrash() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        #expect(throws: XapianError.self) { try XapianDatabase(path: dir.file("nope")) }
        do {
            _ = try XapianDatabase(path: dir.file("nope"))
        } catch let error as XapianError {
            #expect(error.kind == .notFound)
            #expect(error.message.contains("nope"))
        }
        #expect(throws: XapianError.self) { try XapianWritableDatabase(path: dir.file("also-not"), create: false) }
    }

    @Test func secondWriterGetsALockError() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let first = try XapianWritableDatabase(path: dir.file("db"))
        do {
            _ = try XapianWritableDatabase(path: dir.file("db"))
            Issue.record("a second writer opened a locked database")
        } catch let error as XapianError {
            #expect(error.kind == .locked, "got \(error)")
        }
        try first.close()
        // Once released, another writer may open it.
        let second = try XapianWritableDatabase(path: dir.file("db"))
        try second.close()
    }

    @Test func unknownStemmerAndOverlongTermsAreErrors() throws {
        do {
            _ = try XapianTermGenerator(language: "klingon")
            Issue.record("an unknown stemmer was accepted")
        } catch let error as XapianError {
            #expect(error.kind == .invalidArgument, "got \(error)")
        }
        var err = cxs_error()
        // A term longer than Xapian's limit makes the write fail cleanly.
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let db = try XapianWritableDatabase(path: dir.file("db"))
        let doc = try XapianDocument()
        try doc.addBooleanTerm("K" + String(repeating: "x", count: 300))
        let replaced = cxs_writable_replace_by_term(db.handle, "Qlong", 5, doc.handle, &err) && cxs_writable_commit(db.handle, &err)
        #expect(!replaced)
        #expect(err.status == CXS_XAPIAN_ERROR)
        #expect(XapianError(err).kind == .invalidArgument, "a bad post, not a bad index: \(XapianError(err))")
    }

    @Test func wildcardExpandingTooFarIsAnInvalidQuery() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let writer = try XapianWritableDatabase(path: dir.file("db"))
        let doc = try XapianDocument()
        for word in ["apple", "apricot", "april"] { try doc.addBooleanTerm(word) }
        try writer.replace(idTerm: "Qa", with: doc)
        try writer.commit()
        let enquire = try XapianEnquire(database: try XapianDatabase(path: dir.file("db")))
        try enquire.setQuery(try XapianQuery.wildcard(prefix: "ap", maxExpansion: 2, keepMostFrequent: false))
        do {
            _ = try enquire.mset(first: 0, maxItems: 10, checkAtLeast: 10)
            Issue.record("a wildcard past its limit was accepted")
        } catch let error as XapianError {
            #expect(error.kind == .invalidQuery, "got \(error)")
        }
        try enquire.setQuery(try XapianQuery.wildcard(prefix: "ap", maxExpansion: 2, keepMostFrequent: true))
        #expect(try enquire.mset(first: 0, maxItems: 10, checkAtLeast: 10).count == 1, "the most frequent two are kept")
        try writer.close()
    }

    @Test func termsOfTextAreTheIndexersOwn() throws {
        let generator = try XapianTermGenerator(language: "none", strategy: .none)
        let terms = try generator.terms(of: "Don't e-mail 脆弱性")
        #expect(terms.filter { $0.position > 0 }.map(\.term) == ["don't", "e", "mail", "脆", "弱", "性"])
        #expect(Set(terms.filter { $0.position == 0 }.map(\.term)) == ["脆弱", "弱性"], "CJK pairs, without positions")
    }

    @Test func roundTripThroughTheShim() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let writer = try XapianWritableDatabase(path: dir.file("db"))
        let generator = try XapianTermGenerator(language: "en")
        for (id, text) in [("a", "The ministers met"), ("b", "Cats sleep"), ("a", "The ministers met again")] {
            let doc = try XapianDocument()
            try generator.setDocument(doc)
            try generator.indexText(text)
            try doc.addValue("v\(id)", slot: 7)
            try doc.addBooleanTerm("Q" + id)
            try doc.setData(Array("data \(id)\0with nul".utf8))
            try writer.replace(idTerm: "Q" + id, with: doc)
        }
        try writer.setMetadata("key", "value")
        try writer.commit()
        let reader = try XapianDatabase(path: dir.file("db"))
        #expect(try reader.documentCount == 2)
        #expect(try reader.metadata("key") == "value")
        #expect(try reader.data(forTerm: "Qa") == Array("data a\0with nul".utf8))
        #expect(try reader.data(forTerm: "Qz") == nil)
        let enquire = try XapianEnquire(database: reader)
        try enquire.setQuery(try XapianQuery.term("Z" + (try XapianStemmer(language: "english").stem("minister"))))
        let spy = try enquire.addValueCountSpy(slot: 7)
        let mset = try enquire.mset(first: 0, maxItems: 10, checkAtLeast: 10)
        #expect(mset.count == 1)
        #expect(try spy.values().map(\.term) == ["va"])
        // A writer's second commit is seen by the reader after reopen.
        try writer.delete(idTerm: "Qb")
        try writer.commit()
        #expect(try reader.reopen())
        #expect(try reader.documentCount == 1)
        try writer.close()
    }
}
