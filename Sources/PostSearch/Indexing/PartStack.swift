import Foundation

/// The scratch databases one worker of a parallel import writes (see `PartBuilder`): a small
/// current one, closed and replaced by a fresh one every `postsPerPart` posts, and the closed
/// ones merged `fanIn` at a time into bigger ones (tiers, as Lucene merges its segments).
///
/// Why small parts: Xapian buffers a batch's postings and positions in ordered maps, which cost
/// less the smaller the batch (they stay in cache), but each flush rewrites every B-tree block
/// the batch touches, which is most of a table once it holds a few thousand posts. Small
/// batches into small databases keep both cheap; merging is a sequential pass, far cheaper
/// than writing (see README, Indexing). The tiers keep the final merge to a few sources.
final class PartStack {
    /// Posts written between two flushes of the current part.
    static let flushEvery = 125
    /// Posts a part takes before the next one starts.
    static let postsPerPart = 2_500
    /// Closed parts of one tier merged into one of the next.
    static let fanIn = 8

    private let folder: String
    private let postsPerPart: Int
    private var current: XapianWritableDatabase
    private var currentPath: String
    private var currentCount = 0
    /// Closed parts by tier, oldest first within a tier; higher tiers hold older posts.
    private var tiers: [[String]] = [[]]
    private var made = 0

    /// Creates `folder` and the first part in it.
    init(folder: String, postsPerPart: Int) throws {
        self.folder = folder
        self.postsPerPart = postsPerPart
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        currentPath = (folder as NSString).appendingPathComponent("0")
        current = try XapianWritableDatabase(scratchAt: currentPath)
        made = 1
    }

    /// The stored data of the post with `idTerm`, and whether it is in the current part; nil when
    /// no part holds it. Looks beyond the current part only for ids written before (rare).
    func data(forTerm idTerm: String) throws -> (data: [UInt8], current: Bool)? {
        if let data = try current.data(forTerm: idTerm) { return (data, true) }
        for path in Array(tiers.reversed().joined()).reversed() {
            if let data = try XapianDatabase(path: path).data(forTerm: idTerm) { return (data, false) }
        }
        return nil
    }

    /// Adds a post to the current part, starting a new part when it is full.
    func add(_ document: XapianDocument) throws {
        try current.add(document)
        currentCount += 1
        if currentCount == postsPerPart {
            try rotate()
        } else if currentCount % Self.flushEvery == 0 {
            try current.commit()
        }
    }

    /// Replaces a post the current part holds.
    func replace(idTerm: String, with document: XapianDocument) throws {
        try current.replace(idTerm: idTerm, with: document)
    }

    /// Closes the current part; returns every part, oldest posts first.
    func finish() throws -> [String] {
        try current.close()
        if currentCount > 0 { tiers[0].append(currentPath) } else { try? FileManager.default.removeItem(atPath: currentPath) }
        return Array(tiers.reversed().joined())
    }

    private func rotate() throws {
        try current.close()
        tiers[0].append(currentPath)
        var tier = 0
        while tiers[tier].count == Self.fanIn {
            let merged = newPath()
            try XapianDatabase.merge(tiers[tier], into: merged, level: .standard)
            for path in tiers[tier] { try? FileManager.default.removeItem(atPath: path) }
            tiers[tier] = []
            if tiers.count == tier + 1 { tiers.append([]) }
            tiers[tier + 1].append(merged)
            tier += 1
        }
        currentPath = newPath()
        current = try XapianWritableDatabase(scratchAt: currentPath)
        currentCount = 0
    }

    private func newPath() -> String {
        made += 1
        return (folder as NSString).appendingPathComponent(String(made - 1))
    }
}
