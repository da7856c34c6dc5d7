import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads WordPress export files (WXR 1.0–1.2, `http` or `https` namespaces, CDATA or plain
/// values), streaming: memory does not grow with the file.
///
/// By default only published posts (`wp:post_type` = post, `wp:status` = publish) are read.
/// Authors are display names (found through `dc:creator`'s login); categories and tags come from
/// `<category domain=…>`; the id is the `guid` (the `link`, then `wp:post_id`, when an export
/// repeats a guid); the date is `wp:post_date` (the day the site showed), else `wp:post_date_gmt`;
/// the body is `content:encoded` as plain text.
public enum WXRImporter {
    public static let fileExtensions: Set<String> = ["xml"]

    /// Calls `handle` with each post (or failure) and the line its `<item>` starts on.
    /// A file that is not well-formed XML ends with a failure naming its line and column.
    public static func read(file: String, options: ImportOptions,
                            handle: (Result<Post, ImportFailure>, Int) throws -> Void) throws {
        // Mapped, not read: the checks below touch each page once, and the usual file then
        // streams through the parser without a copy in memory.
        guard let mapped = try? Data(contentsOf: URL(fileURLWithPath: file), options: .alwaysMapped),
              let stream = InputStream(fileAtPath: file) else {
            try handle(.failure(ImportFailure(file: file, reason: "cannot open the file")), 0)
            return
        }
        if let refusal = refusal(ofProlog: mapped.prefix(prologLimit)) {
            try handle(.failure(ImportFailure(file: file, line: 1, reason: refusal)), 1)
            return
        }
        let parser = repaired(mapped).map { XMLParser(data: $0) } ?? XMLParser(stream: stream)
        try read(parser: parser, file: file, options: options, handle: handle)
    }

    /// The same, from bytes in memory (an export inside a tar archive).
    public static func read(data: Data, file: String, options: ImportOptions,
                            handle: (Result<Post, ImportFailure>, Int) throws -> Void) throws {
        if let refusal = refusal(ofProlog: data.prefix(prologLimit)) {
            try handle(.failure(ImportFailure(file: file, line: 1, reason: refusal)), 1)
            return
        }
        let data = repaired(data) ?? data
        try read(parser: XMLParser(data: data), file: file, options: options, handle: handle)
    }

    private static let prologLimit = 64 * 1024

    /// Why a document must not be parsed, judged from its first bytes: WordPress never declares
    /// entities, and declared entities can expand without bound ("billion laughs"), so a DOCTYPE
    /// declaring any is refused before libxml2 sees it.
    static func refusal(ofProlog head: Data) -> String? {
        let bytes = [UInt8](head)
        // The prolog ends at the first element: "<" followed by a letter, "_" or a non-ASCII byte.
        var end = bytes.count
        var index = 0
        while index + 1 < bytes.count {
            let next = bytes[index + 1]
            if bytes[index] == UInt8(ascii: "<"), next >= 0x80 || next == UInt8(ascii: "_") || (next | 0x20) >= UInt8(ascii: "a") && (next | 0x20) <= UInt8(ascii: "z") {
                end = index
                break
            }
            index += 1
        }
        let prolog = bytes[..<end]
        func contains(_ text: String) -> Bool {
            let needle = Array(text.utf8)
            guard prolog.count >= needle.count else { return false }
            return (prolog.startIndex...(prolog.endIndex - needle.count)).contains { prolog[$0..<($0 + needle.count)].elementsEqual(needle) }
        }
        if contains("<!ENTITY") {
            return "the document declares entities in its DOCTYPE; refused, as such entities can expand without bound (\"billion laughs\")"
        }
        if end == bytes.count, contains("<!DOCTYPE") {
            return "the document's DOCTYPE runs past its first \(prologLimit / 1024) KB; refused"
        }
        return nil
    }

    /// Whether libxml2 reads the document as UTF-8: unless the XML declaration names an encoding
    /// it converts from (Latin-1, Windows code pages, UTF-16, …), whose output is valid UTF-8 by
    /// construction. A missing, empty or unknown name counts as UTF-8.
    static func readAsUTF8(_ head: Data) -> Bool {
        let declaration = String(decoding: head.prefix(200), as: UTF8.self).lowercased()
        guard declaration.hasPrefix("<?xml"), let end = declaration.range(of: "?>"),
              let encoding = declaration[..<end.lowerBound].range(of: "encoding=") else { return true }
        let value = declaration[encoding.upperBound...].dropFirst().prefix { $0 != "\"" && $0 != "'" && $0 != "?" }
        let converted = ["iso-8859", "iso8859", "latin", "windows-", "cp12", "us-ascii", "ascii", "utf-16", "utf16",
                         "ucs-", "koi8", "shift_jis", "euc-", "gb", "big5"]
        return !converted.contains { value.hasPrefix($0) }
    }

    static func isValidUTF8(_ data: Data) -> Bool {
        data.withUnsafeBytes { bytes in
            var iterator = bytes.makeIterator()
            var parser = Unicode.UTF8.ForwardParser()
            while true {
                switch parser.parseScalar(from: &iterator) {
                case .valid: continue
                case .emptyInput: return true
                case .error: return false
                }
            }
        }
    }

    /// The document with what would make Foundation's XMLParser stop the process repaired, or nil
    /// when it needs nothing (the usual case: the file is then streamed, not loaded):
    /// - bytes that are not UTF-8 (libxml2 passes some on in element names, and XMLParser traps
    ///   on a name that is not UTF-8) become U+FFFD;
    /// - a processing instruction without data (`<?name?>`) gets a space (XMLParser reads its
    ///   missing data through a null pointer).
    /// Repairing rather than refusing keeps the export's posts.
    static func repaired(_ data: Data) -> Data? {
        var text = data
        var changed = false
        if readAsUTF8(data.prefix(prologLimit)), !isValidUTF8(data) {
            text = Data(String(decoding: data, as: UTF8.self).utf8)
            changed = true
        }
        let emptyInstructions = emptyProcessingInstructionEnds(in: text)
        if !emptyInstructions.isEmpty {
            var bytes = [UInt8](text)
            for end in emptyInstructions.reversed() { bytes.insert(UInt8(ascii: " "), at: end) }
            text = Data(bytes)
            changed = true
        }
        return changed ? text : nil
    }

    /// Offsets of the `?>` of every `<?name?>` (a processing instruction with no data).
    static func emptyProcessingInstructionEnds(in data: Data) -> [Int] {
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> [Int] in
            var ends: [Int] = []
            var index = 0
            let count = bytes.count
            while index + 1 < count {
                guard bytes[index] == UInt8(ascii: "<"), bytes[index + 1] == UInt8(ascii: "?") else { index += 1; continue }
                var end = index + 2
                while end < count, bytes[end] != UInt8(ascii: "?"), bytes[end] > 0x20 { end += 1 }
                if end + 1 < count, bytes[end] == UInt8(ascii: "?"), bytes[end + 1] == UInt8(ascii: ">") { ends.append(end) }
                index += 2  // not `end`: another "<?" may start inside (`<?<?x?>`)
            }
            return ends
        }
    }

    private static func read(parser: XMLParser, file: String, options: ImportOptions,
                             handle: (Result<Post, ImportFailure>, Int) throws -> Void) throws {
        // The delegate only calls `handle` while parse() runs, so it cannot outlive this call.
        try withoutActuallyEscaping(handle) { handle in
            let collector = WXRCollector(file: file, options: options, parser: parser, handle: handle)
            try finish(parser: parser, collector: collector, file: file, handle: handle)
        }
    }

    private static func finish(parser: XMLParser, collector: WXRCollector, file: String,
                               handle: (Result<Post, ImportFailure>, Int) throws -> Void) throws {
        parser.delegate = collector
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        let ok = parser.parse()
        if let error = collector.handlerError { throw error }
        if !ok || !collector.complete {
            // libxml2's code (e.g. 76: a tag mismatch, 5: the document ends too early) says what broke.
            let code = (parser.parserError as NSError?).map { " (XML error \($0.code))" } ?? ""
            let what = collector.complete ? "not well-formed XML" : "the XML ends before its elements are closed"
            try handle(.failure(ImportFailure(file: file, line: parser.lineNumber,
                                              reason: "\(what) at column \(parser.columnNumber)\(code); items before it were read")),
                       parser.lineNumber)
        } else if !collector.sawRSS {
            try handle(.failure(ImportFailure(file: file, reason: "not a WordPress export (no <rss> element)")), 0)
        }
    }
}

/// The SAX delegate: gathers one `<item>` at a time.
private final class WXRCollector: NSObject, XMLParserDelegate {
    let file: String
    let options: ImportOptions
    weak var parser: XMLParser?
    let handle: (Result<Post, ImportFailure>, Int) throws -> Void
    var handlerError: Error?
    var sawRSS = false
    /// Every element opened was closed.
    var complete: Bool { sawRSS && path.isEmpty }

    private var path: [String] = []
    private var text = ""
    private var channelLanguage: String?
    private var authorNames: [String: String] = [:]
    private var pendingLogin: String?, pendingDisplayName: String?
    private var item: [String: String]?
    private var itemLine = 0
    private var itemCategories: [(domain: String, name: String)] = []
    private var categoryDomain = ""
    private var seenIDs: Set<String> = []

    init(file: String, options: ImportOptions, parser: XMLParser, handle: @escaping (Result<Post, ImportFailure>, Int) throws -> Void) {
        self.file = file
        self.options = options
        self.parser = parser
        self.handle = handle
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if name == "rss" { sawRSS = true }
        path.append(name)
        text = ""
        if name == "item", path.count >= 2, path[path.count - 2] == "channel" {
            item = [:]
            itemCategories = []
            itemLine = parser.lineNumber
        }
        if name == "category", item != nil, path.count >= 2, path[path.count - 2] == "item" {
            categoryDomain = attributes["domain"] ?? "category"
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, foundCDATA block: Data) { text += String(decoding: block, as: UTF8.self) }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        defer {
            path.removeLast()
            text = ""
        }
        let parent = path.count >= 2 ? path[path.count - 2] : ""
        if item != nil {
            if name == "item" {
                finishItem()
            } else if parent == "item" {
                if name == "category" {
                    itemCategories.append((categoryDomain, text.trimmingWhitespace()))
                } else if item![name] == nil {
                    item![name] = text
                }
            }
            return
        }
        switch (parent, name) {
        case ("channel", "language"): channelLanguage = text.trimmingWhitespace()
        case ("wp:author", "wp:author_login"): pendingLogin = text.trimmingWhitespace()
        case ("wp:author", "wp:author_display_name"): pendingDisplayName = text.trimmingWhitespace()
        case (_, "wp:author"):
            if let login = pendingLogin, let display = pendingDisplayName, !display.isEmpty { authorNames[login] = display }
            pendingLogin = nil
            pendingDisplayName = nil
        default: break
        }
    }

    private func finishItem() {
        guard let fields = item else { return }
        item = nil
        let type = fields["wp:post_type"]?.trimmingWhitespace() ?? "post"
        let status = fields["wp:status"]?.trimmingWhitespace() ?? "publish"
        guard type == "post" || (options.includePages && type == "page") else { return }
        guard status == "publish" || (options.includeDrafts && ["draft", "pending", "private", "future"].contains(status)) else { return }
        deliver(post(from: fields))
    }

    private func post(from fields: [String: String]) -> Result<Post, ImportFailure> {
        func field(_ name: String) -> String? {
            guard let value = fields[name]?.trimmingWhitespace(), !value.isEmpty else { return nil }
            return value
        }
        // Exports repeat a guid for different posts: then the link, then the numeric id, tell them apart.
        let candidates = [field("guid"), field("link"), field("wp:post_id").map { "wp-post-\($0)" }].compactMap { $0 }
        guard let id = candidates.first(where: { !seenIDs.contains($0) }) ?? candidates.first else {
            return .failure(ImportFailure(file: file, line: itemLine, reason: "item has no guid, link or wp:post_id"))
        }
        seenIDs.insert(id)
        let login = field("dc:creator")
        let author = login.map { authorNames[$0] ?? $0 }
        var categories: [String] = [], tags: [String] = []
        for (domain, name) in itemCategories where !name.isEmpty {
            let plain = HTMLText.plainText(name)
            switch domain {
            case "category": if !categories.contains(plain) { categories.append(plain) }
            case "post_tag": if !tags.contains(plain) { tags.append(plain) }
            default: break
            }
        }
        return .success(Post(
            id: id,
            title: HTMLText.plainText(field("title") ?? ""),
            date: date(local: field("wp:post_date"), gmt: field("wp:post_date_gmt")),
            authors: author.map { [$0] } ?? [],
            categories: categories,
            tags: tags,
            body: HTMLText.plainText(fields["content:encoded"] ?? ""),
            url: field("link"),
            language: channelLanguage ?? options.defaultLanguage
        ))
    }

    /// The site's local date, else the GMT one; WordPress writes 0000-00-00 for "none".
    private func date(local: String?, gmt: String?) -> PostDate? {
        if let local, !local.hasPrefix("0000"), let date = PostDate(local) { return date }
        if let gmt, !gmt.hasPrefix("0000"), let date = PostDate(gmt.replacingOccurrences(of: " ", with: "T") + "Z") { return date }
        return nil
    }

    private func deliver(_ result: Result<Post, ImportFailure>) {
        guard handlerError == nil else { return }
        do {
            try handle(result, itemLine)
        } catch {
            handlerError = error
            parser?.abortParsing()
        }
    }
}
