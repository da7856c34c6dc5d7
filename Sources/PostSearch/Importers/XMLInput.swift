import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// What every XML importer (WordPress exports, RSS and Atom feeds, sitemaps) does before and
/// around Foundation's streaming XMLParser: refuse documents that declare entities, repair what
/// would make XMLParser stop the process (bytes that are not UTF-8, empty processing
/// instructions), stream a file that needs no repair, and report where a broken document broke.
enum XMLInput {
    typealias Handle = (Result<Post, ImportFailure>, Int) throws -> Void

    /// Opens `file` for `body`, or reports why it cannot be parsed.
    static func read(file: String, handle: Handle, body: (XMLParser, @escaping Handle) throws -> Void) throws {
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
        // The delegate only calls `handle` while parse() runs, so it cannot outlive this call.
        try withoutActuallyEscaping(handle) { try body(parser, $0) }
    }

    /// The same, from bytes in memory (a member of a tar archive, a fetched feed).
    static func read(data: Data, file: String, handle: Handle, body: (XMLParser, @escaping Handle) throws -> Void) throws {
        if let refusal = refusal(ofProlog: data.prefix(prologLimit)) {
            try handle(.failure(ImportFailure(file: file, line: 1, reason: refusal)), 1)
            return
        }
        let parser = XMLParser(data: repaired(data) ?? data)
        try withoutActuallyEscaping(handle) { try body(parser, $0) }
    }

    /// Parses with `collector` as the delegate; a document that breaks off, or whose root is not
    /// `root`, ends with a failure naming where.
    static func run(_ parser: XMLParser, collector: XMLPostCollector, file: String, document: String, root: String,
                    handle: Handle) throws {
        parser.delegate = collector
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        let ok = parser.parse()
        collector.documentEnded()
        if let error = collector.handlerError { throw error }
        if !ok || !collector.complete {
            // libxml2's code (e.g. 76: a tag mismatch, 5: the document ends too early) says what broke.
            let code = (parser.parserError as NSError?).map { " (XML error \($0.code))" } ?? ""
            let what = collector.complete ? "not well-formed XML" : "the XML ends before its elements are closed"
            try handle(.failure(ImportFailure(file: file, line: parser.lineNumber,
                                              reason: "\(what) at column \(parser.columnNumber)\(code); items before it were read")),
                       parser.lineNumber)
        } else if collector.rootName != root {
            try handle(.failure(ImportFailure(file: file, reason: "not a \(document) (no <\(root)> element)")), 0)
        }
    }

    /// The name of the document's first element and its attributes (as written, `xmlns:wp`
    /// among them), read from its first bytes; nil when none starts there.
    static func rootElement(of head: Data) -> (name: String, attributes: String)? {
        let text = String(decoding: head.prefix(prologLimit), as: UTF8.self)
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "<") {
            let after = rest[rest.index(after: open)...]
            guard let first = after.first else { return nil }
            if first == "?" || first == "!" {
                // The XML declaration, a comment, a DOCTYPE: skip to its end.
                let closer = after.hasPrefix("!--") ? "-->" : ">"
                guard let end = after.range(of: closer) else { return nil }
                rest = after[end.upperBound...]
                continue
            }
            let name = after.prefix { !$0.isWhitespace && $0 != ">" && $0 != "/" }
            let attributes = after[name.endIndex...].prefix { $0 != ">" }
            return (String(name), String(attributes))
        }
        return nil
    }

    static let prologLimit = 64 * 1024

    /// Why a document must not be parsed, judged from its first bytes: WordPress and feed
    /// generators never declare entities, and declared entities can expand without bound ("billion laughs"), so a DOCTYPE
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

}

/// The base of the importers' SAX delegates: keeps the path of open elements and the text of
/// the current one, and hands posts on, stopping the parser when the receiver throws.
/// (Subclasses override `start` and `end`: XMLParser calls the delegate through this class's
/// conformance, not through overrides of the protocol's methods.)
class XMLPostCollector: NSObject, XMLParserDelegate {
    let file: String
    weak var parser: XMLParser?
    let handle: XMLInput.Handle
    var handlerError: Error?
    /// The first element's name.
    private(set) var rootName: String?
    /// Every element opened was closed.
    var complete: Bool { rootName != nil && path.isEmpty }

    private(set) var path: [String] = []
    /// The text of the element being read.
    private(set) var text = ""

    init(file: String, parser: XMLParser, handle: @escaping XMLInput.Handle) {
        self.file = file
        self.parser = parser
        self.handle = handle
    }

    /// The element `path.last` (`name`) has just opened; `text` still holds its parent's text so far.
    func start(_ name: String, attributes: [String: String]) {}
    /// The element `path.last` (`name`) is closing; `text` holds its text.
    func end(_ name: String) {}

    /// The parser has stopped, at the end of the document or where it broke off.
    func documentEnded() {}

    /// The element above the current one.
    var parent: String { path.count >= 2 ? path[path.count - 2] : "" }

    final func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                      attributes: [String: String] = [:]) {
        if rootName == nil { rootName = name }
        path.append(name)
        start(name, attributes: attributes)
        text = ""
    }

    final func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    final func parser(_ parser: XMLParser, foundCDATA block: Data) { text += String(decoding: block, as: UTF8.self) }

    final func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        end(name)
        path.removeLast()
        text = ""
    }

    func deliver(_ result: Result<Post, ImportFailure>, line: Int) {
        guard handlerError == nil else { return }
        do {
            try handle(result, line)
        } catch {
            handlerError = error
            parser?.abortParsing()
        }
    }
}
