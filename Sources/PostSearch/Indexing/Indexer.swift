import Foundation

/// The one writer of an index: adds, replaces and deletes posts, committing in batches.
///
/// ```swift
/// let indexer = try Indexer(path: "postsearch-index")
/// let report = try indexer.importArchive(["archive/"])
/// try indexer.close()
/// ```
///
/// Posts are upserted by id. A commit is atomic: a killed indexer leaves the index as of its
/// last commit. Only one indexer may hold an index; a second gets `PostSearchError.indexLocked`.
public final class Indexer {
    public enum Outcome: Sendable { case added, updated, unchanged }

    public let path: String
    /// The Snowball stemmer the index was built with ("english", "none", …).
    public let language: String
    /// Posts written between two commits.
    public var batchSize: Int

    private let database: XapianWritableDatabase
    private let builder: DocumentBuilder
    private var pending = 0
    private var slotCounts: [String: Int] = [:]

    public static let defaultLanguage = "english"

    /// Opens (creating when absent) the index at `path`. `language` defaults to the one the index
    /// was built with, else English; asking for another language than an existing index's fails.
    public init(path: String, language: String? = nil, batchSize: Int = 10_000) throws {
        self.path = path
        self.batchSize = max(1, batchSize)
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty { try? FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true) }
        do {
            database = try XapianWritableDatabase(path: path, create: true)
        } catch let error as XapianError {
            if error.isLock { throw PostSearchError.indexLocked(path: path) }
            throw PostSearchError.indexUnavailable(path: path, reason: error.message)
        }
        let stored = try database.metadata(Schema.MetadataKey.language)
        if let language, !stored.isEmpty, stored != language {
            throw PostSearchError.invalidParameter(
                name: "language", message: "the index at \(path) was built with \"\(stored)\"; index into a new folder to change language")
        }
        self.language = language ?? (stored.isEmpty ? Self.defaultLanguage : stored)
        let termGenerator: XapianTermGenerator
        do {
            termGenerator = try XapianTermGenerator(language: self.language)
        } catch let error as XapianError {
            throw PostSearchError.invalidParameter(name: "language", message: "\(error.message) (try english, french, german, … or none)")
        }
        try termGenerator.enableSpelling(in: database)
        builder = DocumentBuilder(termGenerator: termGenerator)
        for field in Schema.listFields {
            slotCounts[field.name] = Int(try database.metadata(field.slotCountKey)) ?? 0
        }
    }

    /// Adds the post, or replaces the indexed post with the same id. `source` is the absolute path
    /// of the file it came from (for `--prune`).
    @discardableResult
    public func index(_ post: Post, source: String? = nil) throws -> Outcome {
        let data = DocumentBuilder.storedData(of: post)
        let idTerm = Schema.idTerm(post.id)
        let existing = try database.data(forTerm: idTerm)
        if existing == data { return .unchanged }
        let document = try builder.document(for: post, data: data, source: source)
        try database.replace(idTerm: idTerm, with: document)
        for field in Schema.listFields {
            let used = min(post[keyPath: field.path].count, Schema.maxValuesPerField)
            if used > slotCounts[field.name, default: 0] { slotCounts[field.name] = used }
        }
        pending += 1
        if pending >= batchSize { try commit() }
        return existing == nil ? .added : .updated
    }

    /// Removes the post with this id; returns whether there was one.
    @discardableResult
    public func delete(id: String) throws -> Bool {
        let idTerm = Schema.idTerm(id)
        guard try database.contains(term: idTerm) else { return false }
        try database.delete(idTerm: idTerm)
        pending += 1
        return true
    }

    /// Makes everything indexed so far durable and visible to readers, atomically.
    public func commit() throws {
        try database.setMetadata(Schema.MetadataKey.schema, Schema.version)
        try database.setMetadata(Schema.MetadataKey.language, language)
        for field in Schema.listFields {
            try database.setMetadata(field.slotCountKey, String(slotCounts[field.name, default: 0]))
        }
        try database.setMetadata(Schema.MetadataKey.updated, ISO8601DateFormatter().string(from: Date()))
        try database.commit()
        pending = 0
    }

    /// Commits and releases the write lock.
    public func close() throws {
        if pending > 0 { try commit() }
        try database.close()
    }

    public var documentCount: Int {
        get throws { try database.documentCount }
    }

    /// Reads `paths` with `ArchiveReader` and indexes every post; a bad record is reported in the
    /// report's failures and skipped. With `prune`, posts that came from under `paths` before but
    /// were not read this time (their file or export entry is gone) are removed. `progress` is
    /// called after each record with the running report.
    public func importArchive(_ paths: [String], options: ImportOptions = ImportOptions(), prune: Bool = false,
                              progress: ((IndexReport) -> Void)? = nil) throws -> IndexReport {
        let start = Date()
        var report = IndexReport()
        var seen: Set<String> = []
        let (files, skipped) = try ArchiveReader(options: options).read(paths) { item in
            switch item {
            case .failure(let failure): report.failures.append(failure)
            case .notAPost(let reason): report.notPosts.append(reason)
            case .warning(let warning): report.warnings.append(warning)
            case .post(let imported):
                if prune { seen.insert(imported.post.id) }
                do {
                    switch try index(imported.post, source: imported.source) {
                    case .added: report.added += 1
                    case .updated: report.updated += 1
                    case .unchanged: report.unchanged += 1
                    }
                } catch let error as XapianError where error.type == "InvalidArgumentError" {
                    report.failures.append(ImportFailure(file: imported.file, line: imported.line, reason: error.message))
                }
            }
            progress?(report)
        }
        try commit()
        if prune { report.removed = try pruneAbsent(under: paths, keeping: seen) }
        report.files = files
        report.skippedFiles = skipped
        report.totalPosts = try documentCount
        report.seconds = Date().timeIntervalSince(start)
        return report
    }

    /// Deletes the posts recorded as coming from under `paths` whose ids are not in `kept`.
    private func pruneAbsent(under paths: [String], keeping kept: Set<String>) throws -> Int {
        let reader = try XapianDatabase(path: path)
        var gone: [String] = []
        for given in paths {
            let absolute = ArchiveReader.absolutePath(given)
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: given, isDirectory: &isDirectory)
            // A folder (or a path that is gone) covers everything under it; a file only itself.
            let prefix = Schema.sourceTerm(absolute) + (exists && !isDirectory.boolValue ? "" : "/")
            for (term, _) in try reader.allTerms(prefix: prefix) where exists && !isDirectory.boolValue ? term == prefix : true {
                let enquire = try XapianEnquire(database: reader)
                try enquire.setQuery(try XapianQuery.term(term))
                let count = try reader.documentCount
                let mset = try enquire.mset(first: 0, maxItems: count, checkAtLeast: count)
                for index in 0..<mset.count {
                    let post = try JSONDecoder().decode(Post.self, from: Data(try mset.data(at: index)))
                    if !kept.contains(post.id) { gone.append(post.id) }
                }
            }
        }
        for id in Set(gone) { try delete(id: id) }
        try commit()
        return Set(gone).count
    }
}

extension Indexer {
    /// ISO 639-1 codes of Snowball's stemmers, mapped to the names Xapian stores.
    private static let stemmerNames: [String: String] = [
        "ar": "arabic", "hy": "armenian", "eu": "basque", "ca": "catalan", "da": "danish", "nl": "dutch",
        "en": "english", "fi": "finnish", "fr": "french", "de": "german", "hu": "hungarian", "id": "indonesian",
        "ga": "irish", "it": "italian", "lt": "lithuanian", "ne": "nepali", "nb": "norwegian", "nn": "norwegian",
        "no": "norwegian", "pt": "portuguese", "ro": "romanian", "ru": "russian", "es": "spanish", "sv": "swedish",
        "ta": "tamil", "tr": "turkish",
    ]

    /// `en` → `english`; names pass through lower-cased. Xapian validates the result.
    public static func canonicalLanguage(_ language: String) -> String {
        let lowered = language.trimmingWhitespace().lowercased()
        return stemmerNames[lowered] ?? lowered
    }
}
