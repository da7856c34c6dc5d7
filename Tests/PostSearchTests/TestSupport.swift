import Foundation
@testable import PostSearch

/// A fresh folder under the system's temporary directory, removed by `cleanUp()`.
struct TemporaryDirectory {
    let path: String

    init() throws {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent("postsearch-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = file(name)
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    func cleanUp() { try? FileManager.default.removeItem(atPath: path) }
}

enum Fixtures {
    /// The repository's root (this file is Tests/PostSearchTests/TestSupport.swift).
    static let repositoryRoot: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }()

    /// `../shared` beside the repository, when present (CI and developer machines; not users').
    static let sharedDirectory: String? = {
        let candidates = [ProcessInfo.processInfo.environment["POSTSEARCH_SHARED"],
                          (repositoryRoot as NSString).appendingPathComponent("../shared")].compactMap { $0 }
        return candidates.first { FileManager.default.fileExists(atPath: ($0 as NSString).appendingPathComponent("seeds")) }
    }()

    static var sharedMissingMessage: String {
        "../shared is absent (it holds the seed post and real corpora); skipping"
    }

    static let sampleArchive = (repositoryRoot as NSString).appendingPathComponent("examples/sample-archive")

    /// Indexes `posts` into a new index in `directory` and returns its path.
    static func index(_ posts: [Post], in directory: TemporaryDirectory, language: String? = nil) throws -> String {
        let path = directory.file("index")
        let indexer = try Indexer(path: path, language: language)
        for post in posts { try indexer.index(post) }
        try indexer.close()
        return path
    }
}

/// A small deterministic random generator (SplitMix64), so generated data is the same every run.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}
