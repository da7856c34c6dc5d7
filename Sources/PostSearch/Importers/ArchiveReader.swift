import Foundation

/// Walks archive paths (files, folders recursively, tar archives) in a stable order and hands
/// each post, failure, skipped file or warning to a closure, choosing the importer by extension:
///
/// | extension | importer |
/// |---|---|
/// | `.txt` | `SeedTextImporter` (the scraped-WordPress text format) |
/// | `.jsonl`, `.ndjson` | `JSONLinesImporter` |
/// | `.xml`, `.rss`, `.atom` | by the root element: `WXRImporter` (WordPress exports), `FeedImporter` (RSS, Atom) |
/// | `.md`, `.markdown`, `.mdx` | `MarkdownImporter` |
/// | `.html`, `.htm` | `HTMLImporter` (pages of a built static site or a mirrored blog) |
/// | `.tar`, `.tar.gz`, `.tgz` | each member by its own extension |
public struct ArchiveReader {
    public enum Item {
        case post(ImportedPost)
        /// A record that could not be read: skipped, the import goes on.
        case failure(ImportFailure)
        /// A file that is not a post (a redirect stub, an index page, a draft), and why.
        case notAPost(ImportFailure)
        /// A post that went in with something to say (a date taken from its file name, …).
        case warning(ImportFailure)
        /// A path given that does not exist.
        case missing(String)
    }

    public struct ImportedPost: Sendable {
        public let post: Post
        /// Where it was read, for messages (`archive.tar.gz:blog/post.md` inside an archive).
        public let file: String
        /// 1-based line for line-oriented formats.
        public let line: Int?
        /// The absolute path of the file on disk it came from (an archive, for its members).
        public let source: String
    }

    public let options: ImportOptions

    /// Decides which files need reading (the index's file stamps, `FileStamps`) and hears when
    /// each file has been read.
    protocol FileCheck: AnyObject {
        /// The failures the file gave when it was last read, if it is as it was then (it is
        /// then passed over, and those failures reported again); nil to read it.
        func unchangedFileFailures(source: String, path: String) -> [ImportFailure]?
        /// The file was read, giving `posts` posts and these failures.
        func finished(source: String, path: String, failures: [ImportFailure], posts: Int)
    }

    var fileCheck: FileCheck?

    /// The post with `--language` as its language when its source names none.
    private func withDefaultLanguage(_ post: Post) -> Post {
        guard post.language == nil, let language = options.defaultLanguage else { return post }
        var post = post
        post.language = language
        return post
    }

    public init(options: ImportOptions = ImportOptions()) {
        self.options = options
    }

    /// Reads every supported file under `paths`. Files of other types are passed over (and
    /// listed in `passedOver`); a path that does not exist is a failure.
    public func read(_ paths: [String], handle: (Item) throws -> Void) throws -> (files: Int, passedOver: [String]) {
        var files = 0
        var skipped: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                try handle(.missing(path))
                continue
            }
            let list = isDirectory.boolValue ? try filesUnder(path) : [path]
            let root = isDirectory.boolValue ? path : Paths.parent(of: path)
            for file in list {
                if try readFile(file, root: root, handle: handle) { files += 1 } else { skipped.append(file) }
            }
        }
        return (files, skipped)
    }

    /// The absolute, standardised form of a path: how sources are recorded for `--prune`.
    public static func absolutePath(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
        return (absolute as NSString).standardizingPath
    }

    /// Returns false when no importer reads this kind of file.
    private func readFile(_ file: String, root: String, handle: (Item) throws -> Void) throws -> Bool {
        let source = Self.absolutePath(file)
        guard let fileCheck, isReadable(file) else { return try readFileContent(file, source: source, root: root, handle: handle) }
        if let failures = fileCheck.unchangedFileFailures(source: source, path: file) {
            for failure in failures { try handle(.failure(failure)) }
            return true
        }
        var failures: [ImportFailure] = [], posts = 0
        let read = try readFileContent(file, source: source, root: root) { item in
            if case .failure(let failure) = item { failures.append(failure) }
            if case .post = item { posts += 1 }
            try handle(item)
        }
        if read { fileCheck.finished(source: source, path: file, failures: failures, posts: posts) }
        return read
    }

    /// Whether some importer reads files of this name.
    private func isReadable(_ file: String) -> Bool {
        let ext = (file as NSString).pathExtension.lowercased()
        return TarReader.handles(file) || JSONLinesImporter.fileExtensions.contains(ext) || Self.xmlExtensions.contains(ext)
            || Self.textExtensions.contains(ext)
    }

    private func readFileContent(_ file: String, source: String, root: String, handle: (Item) throws -> Void) throws -> Bool {
        if TarReader.handles(file) {
            do {
                try TarReader.read(file) { member, data in
                    _ = try readContent(name: member, id: member, label: "\(file):\(member)", source: source, data: data, handle: handle)
                }
            } catch let failure as TarReader.Failure {
                try handle(.failure(ImportFailure(file: file, reason: failure.description)))
            }
            return true
        }
        let ext = (file as NSString).pathExtension.lowercased()
        // Line- and element-streaming formats read straight from disk: memory stays flat.
        if JSONLinesImporter.fileExtensions.contains(ext) {
            try JSONLinesImporter.read(file: file) { result, line in
                try handle(Self.item(result.map(withDefaultLanguage), file: file, line: line, source: source))
            }
            return true
        }
        if Self.xmlExtensions.contains(ext) {
            let head = FileHandle(forReadingAtPath: file).map { handle in defer { try? handle.close() }; return handle.readData(ofLength: XMLInput.prologLimit) }
            try readXML(head: head ?? Data(), file: file, data: nil, source: source, handle: handle)
            return true
        }
        guard Self.textExtensions.contains(ext) else { return false }
        guard let data = FileManager.default.contents(atPath: file) else {
            try handle(.failure(ImportFailure(file: file, reason: "cannot read the file")))
            return true
        }
        return try readContent(name: file, id: relativePath(file, root: root), label: file, source: source, data: data, handle: handle)
    }

    private static let textExtensions = SeedTextImporter.fileExtensions.union(MarkdownImporter.fileExtensions).union(HTMLImporter.fileExtensions)
    private static let xmlExtensions = WXRImporter.fileExtensions.union(["rss", "atom"])

    /// An XML document by what its root element says it is; `data` nil reads `file` from disk.
    private func readXML(head: Data, file: String, data: Data?, source: String, handle: (Item) throws -> Void) throws {
        let deliver = { (result: Result<Post, ImportFailure>, line: Int) in
            try handle(Self.item(result.map(withDefaultLanguage), file: file, line: line, source: source))
        }
        switch FeedImporter.kind(ofXML: head) {
        case .feed(let format):
            if let data {
                try FeedImporter.read(data: data, file: file, format: format, options: options, handle: deliver)
            } else {
                try FeedImporter.read(file: file, format: format, options: options, handle: deliver)
            }
        case .sitemap:
            try handle(.notAPost(ImportFailure(file: file, reason: "a sitemap (a list of pages)")))
        case .wordPressExport, .other:
            // Anything else goes to the export reader, which says what is wrong with it.
            if let data {
                try WXRImporter.read(data: data, file: file, options: options, handle: deliver)
            } else {
                try WXRImporter.read(file: file, options: options, handle: deliver)
            }
        }
    }

    /// One file's bytes (on disk or in an archive), by the importer its extension calls for.
    private func readContent(name: String, id: String, label: String, source: String, data: Data,
                             handle: (Item) throws -> Void) throws -> Bool {
        let ext = (name as NSString).pathExtension.lowercased()
        if JSONLinesImporter.fileExtensions.contains(ext) {
            try JSONLinesImporter.read(data: data, file: label) { result, line in
                try handle(Self.item(result.map(withDefaultLanguage), file: label, line: line, source: source))
            }
            return true
        }
        if Self.xmlExtensions.contains(ext) {
            try readXML(head: data.prefix(XMLInput.prologLimit), file: label, data: data, source: source, handle: handle)
            return true
        }
        guard Self.textExtensions.contains(ext) else { return false }
        if HTMLImporter.fileExtensions.contains(ext) {
            // libxml2 reads the bytes itself, in the page's own charset.
            do {
                try deliver(try HTMLImporter.parse(data, id: id, file: label, options: options), label: label, source: source, handle: handle)
            } catch let failure as ImportFailure {
                try handle(.failure(failure))
            }
            return true
        }
        let text: String
        if let valid = String(validating: data, as: UTF8.self) {
            text = valid
        } else {
            // The post is kept; only the undecodable bytes are lost.
            text = String(decoding: data, as: UTF8.self)
            try handle(.warning(ImportFailure(file: label, reason: "not valid UTF-8: undecodable bytes replaced with \u{FFFD}")))
        }
        do {
            if SeedTextImporter.fileExtensions.contains(ext) {
                let post = withDefaultLanguage(try SeedTextImporter.parse(text, id: id, file: label))
                try handle(.post(ImportedPost(post: post, file: label, line: nil, source: source)))
            } else {
                try deliver(try MarkdownImporter.parse(text, id: id, file: label, options: options), label: label, source: source, handle: handle)
            }
        } catch let failure as ImportFailure {
            try handle(.failure(failure))
        }
        return true
    }

    /// A page's or Markdown file's outcome, as items.
    private func deliver(_ outcome: MarkdownImporter.Outcome, label: String, source: String, handle: (Item) throws -> Void) throws {
        switch outcome {
        case .post(let post, let warnings):
            for warning in warnings { try handle(.warning(ImportFailure(file: label, reason: warning))) }
            try handle(.post(ImportedPost(post: withDefaultLanguage(post), file: label, line: nil, source: source)))
        case .notAPost(let reason):
            try handle(.notAPost(ImportFailure(file: label, reason: reason)))
        }
    }

    private static func item(_ result: Result<Post, ImportFailure>, file: String, line: Int, source: String) -> Item {
        switch result {
        case .success(let post): .post(ImportedPost(post: post, file: file, line: line > 0 ? line : nil, source: source))
        case .failure(let failure): .failure(failure)
        }
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
