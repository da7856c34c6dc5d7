import Foundation

/// Walks archive paths (files or directories, recursively, in a stable order) and hands each
/// post or failure to a closure, choosing the importer by file extension.
public struct ArchiveReader {
    /// A post with where it came from, or a record that failed.
    public typealias Item = Result<ImportedPost, ImportFailure>

    public struct ImportedPost: Sendable {
        public let post: Post
        public let file: String
        /// 1-based line for line-oriented formats.
        public let line: Int?
    }

    public let options: ImportOptions

    public init(options: ImportOptions = ImportOptions()) {
        self.options = options
    }

    /// Reads every supported file under `paths`. Files of other types are passed over (and
    /// counted in `skippedFiles`); a path that does not exist is a failure.
    public func read(_ paths: [String], handle: (Item) throws -> Void) throws -> (files: Int, skippedFiles: Int) {
        var files = 0, skipped = 0
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                try handle(.failure(ImportFailure(file: path, reason: "no such file or directory")))
                continue
            }
            if isDirectory.boolValue {
                for file in try filesUnder(path) {
                    if try readFile(file, root: path, handle: handle) { files += 1 } else { skipped += 1 }
                }
            } else {
                let root = (path as NSString).deletingLastPathComponent
                if try readFile(path, root: root, handle: handle) { files += 1 } else { skipped += 1 }
            }
        }
        return (files, skipped)
    }

    /// Returns false when no importer reads this kind of file.
    private func readFile(_ file: String, root: String, handle: (Item) throws -> Void) throws -> Bool {
        let ext = (file as NSString).pathExtension.lowercased()
        if JSONLinesImporter.fileExtensions.contains(ext) {
            try JSONLinesImporter.read(file: file) { result, line in
                try handle(result.map { ImportedPost(post: $0, file: file, line: line) })
            }
            return true
        }
        if WXRImporter.fileExtensions.contains(ext) {
            try WXRImporter.read(file: file, options: options) { result, line in
                try handle(result.map { ImportedPost(post: $0, file: file, line: line) })
            }
            return true
        }
        if SeedTextImporter.fileExtensions.contains(ext) {
            guard let data = FileManager.default.contents(atPath: file) else {
                try handle(.failure(ImportFailure(file: file, reason: "cannot read the file")))
                return true
            }
            guard let text = String(validating: data, as: UTF8.self) else {
                try handle(.failure(ImportFailure(file: file, reason: "not valid UTF-8 text")))
                return true
            }
            do {
                let post = try SeedTextImporter.parse(text, id: relativePath(file, root: root), file: file)
                try handle(.success(ImportedPost(post: post, file: file, line: nil)))
            } catch let failure as ImportFailure {
                try handle(.failure(failure))
            }
            return true
        }
        return false
    }

    /// Regular files under `directory`, hidden ones left out, sorted for a stable order.
    private func filesUnder(_ directory: String) throws -> [String] {
        let url = URL(fileURLWithPath: directory)
        guard let enumerator = FileManager.default.enumerator(
            at: url, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) else { return [] }
        var files: [String] = []
        for case let fileURL as URL in enumerator {
            guard (try? fileURL.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let relative = String(fileURL.path.dropFirst(url.path.count)).drop(while: { $0 == "/" })
            files.append((directory as NSString).appendingPathComponent(String(relative)))
        }
        return files.sorted()
    }

    private func relativePath(_ file: String, root: String) -> String {
        let standardRoot = (root as NSString).standardizingPath
        let standardFile = (file as NSString).standardizingPath
        if !standardRoot.isEmpty, standardRoot != ".", standardFile.hasPrefix(standardRoot + "/") {
            return String(standardFile.dropFirst(standardRoot.count + 1))
        }
        if standardRoot.isEmpty || standardRoot == "." { return standardFile }
        return (file as NSString).lastPathComponent
    }
}
