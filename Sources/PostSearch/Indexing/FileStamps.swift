import Foundation

/// The size and modification time of each file an import read, kept in the index's metadata
/// (`postsearch:file:<absolute path>`) so they travel with the index: a rerun passes over files
/// whose stamp has not changed without opening them. A stamp also holds the import options
/// that shape posts (`ImportOptions.fingerprint`): other options read every file again.
/// The stamp also records how many posts the file gave, which a rerun counts as unchanged, and
/// the failures it gave (up to `maxKeptFailures`; a file with more is read again each time),
/// which a rerun reports again: a rerun's report and exit status are those of a full read.
final class FileStamps: ArchiveReader.FileCheck {
    private let reader: XapianDatabase?
    private let fingerprint: String
    private let reread: Bool
    /// Stamps to write at the import's last commit.
    private(set) var changed: [String: String] = [:]
    /// Files passed over as unchanged: their posts count as read, for `--prune`.
    private(set) var unchanged: Set<String> = []
    /// The posts of those files.
    private(set) var unchangedPosts = 0

    /// `databasePath` is the index (its first shard); `reread` stamps files but skips none.
    init(databasePath: String, options: ImportOptions, reread: Bool) {
        // The state of the last commit; a new index has none.
        reader = try? XapianDatabase(path: databasePath)
        fingerprint = options.fingerprint
        self.reread = reread
    }

    static func key(for source: String) -> String { IndexMetadataKey.key(IndexMetadataKey.filePrefix, source) }

    /// The stamp of the file now, or nil when it cannot be read or was modified too recently to
    /// be told apart from a change in the same tick of the file system's clock ("racily clean",
    /// as git calls it): such a file is read again next time, until its stamp can be trusted.
    static func stamp(of path: String, fingerprint: String, now: Date = Date()) -> String? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let size = attributes[.size] as? NSNumber, let modified = attributes[.modificationDate] as? Date,
              now.timeIntervalSince(modified) >= racyWindow else { return nil }
        return "\(size) \(modified.timeIntervalSince1970) \(fingerprint)"
    }

    /// Seconds: coarser than any common file system's timestamps (FAT's 2 s, ext4's jiffies).
    static let racyWindow = 2.0

    /// Each file's stamp as it was just before it was read: a change made while it was being
    /// read then shows as a change next time.
    private var stampBeforeReading: [String: String] = [:]

    func unchangedFileFailures(source: String, path: String) -> [ImportFailure]? {
        let stamp = Self.stamp(of: path, fingerprint: fingerprint)
        stampBeforeReading[source] = stamp
        guard !reread, let stamp, let reader, let stored = try? reader.metadata(Self.key(for: source)),
              stored.hasPrefix(stamp + " ") else { return nil }
        var lines = stored.dropFirst(stamp.count + 1).split(separator: "\n", omittingEmptySubsequences: false)
        guard let posts = lines.first.flatMap({ Int($0) }) else { return nil }
        lines.removeFirst()
        unchanged.insert(source)
        unchangedPosts += posts
        return lines.map { line in
            let parts = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false).map { Self.unescaped(String($0)) }
            return ImportFailure(file: parts[0], line: parts.count > 2 ? Int(parts[1]) : nil, reason: parts.count > 2 ? parts[2] : "")
        }
    }

    static let maxKeptFailures = 100

    func finished(source: String, path: String, failures: [ImportFailure], posts: Int) {
        guard let stamp = stampBeforeReading.removeValue(forKey: source), failures.count <= Self.maxKeptFailures else {
            changed[Self.key(for: source)] = ""
            return
        }
        let kept = failures.map { "\(Self.escaped($0.file))\t\($0.line.map(String.init) ?? "")\t\(Self.escaped($0.reason))" }
        changed[Self.key(for: source)] = (["\(stamp) \(posts)"] + kept).joined(separator: "\n")
    }

    /// A failure's text on one line of the stamp: `\\`, `\n` and `\t` escaped.
    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\t", with: "\\t")
    }

    private static func unescaped(_ text: String) -> String {
        guard text.contains("\\") else { return text }
        var out = ""
        var escaping = false
        for character in text {
            if escaping {
                out.append(character == "n" ? "\n" : character == "t" ? "\t" : character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                out.append(character)
            }
        }
        return out
    }

    /// Forgets a file that is gone (its posts were pruned).
    func forget(source: String) {
        changed[Self.key(for: source)] = ""
    }
}
