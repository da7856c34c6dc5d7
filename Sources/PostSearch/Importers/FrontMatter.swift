import TOMLKit
import Yams

/// The metadata block at the top of a Markdown post: YAML between `---` lines, or TOML between
/// `+++` lines, read with real parsers (Yams, TOMLKit). Keys are matched without regard to case.
struct FrontMatter {
    indirect enum Value {
        case text(String)
        case list([Value])
        case table([String: Value])

        var text: String? {
            if case .text(let value) = self { return value }
            return nil
        }
    }

    enum Syntax { case yaml, toml }

    private(set) var fields: [String: Value] = [:]
    let syntax: Syntax?
    /// What had to be forgiven to read it (a repeated key).
    private(set) var warnings: [String] = []

    /// Splits `source` into front matter and body; `bodyLine` is the 1-based line the body starts on.
    static func split(_ source: String) -> (header: String?, syntax: Syntax?, body: Substring, bodyLine: Int) {
        let lines = source.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        guard let first = lines.first?.trimmingCharacters(in: .whitespaces) else { return (nil, nil, Substring(source), 1) }
        // Three or more dashes (one real post opens with six), or three plus signs.
        let syntax: Syntax
        let isDelimiter: (Substring) -> Bool
        if first.count >= 3, first.allSatisfy({ $0 == "-" }) {
            syntax = .yaml
            isDelimiter = { line in let t = line.trimmingCharacters(in: .whitespaces); return t.count >= 3 && t.allSatisfy { $0 == "-" } }
        } else if first == "+++" {
            syntax = .toml
            isDelimiter = { $0.trimmingCharacters(in: .whitespaces) == "+++" }
        } else {
            return (nil, nil, Substring(source), 1)
        }
        guard let end = lines.dropFirst().firstIndex(where: isDelimiter) else { return (nil, nil, Substring(source), 1) }
        let header = lines[1..<end].joined(separator: "\n")
        let body = lines[(end + 1)...].joined(separator: "\n")
        return (header, syntax, Substring(body), end + 2)
    }

    init(parsing header: String, syntax: Syntax) throws {
        self.syntax = syntax
        switch syntax {
        case .yaml:
            let node: Node?
            do {
                node = try Yams.compose(yaml: header)
            } catch where "\(error)".contains("duplicated key") {
                // Real posts repeat a key by mistake; the first one wins, as in most blog engines.
                let (deduplicated, repeated) = Self.droppingRepeatedKeys(header)
                node = try Yams.compose(yaml: deduplicated)
                warnings.append("front matter repeats \(repeated.joined(separator: ", ")); the first is used")
            }
            guard let node else { return }
            var budget = Self.maxValues
            guard case .table(let table) = try Self.value(of: node, budget: &budget) else {
                throw FrontMatterError(message: "the YAML front matter is not a mapping of keys to values")
            }
            fields = table
        case .toml:
            if let bad = Self.malformedDateTime(inTOML: header) {
                throw FrontMatterError(message: "malformed date-time \"\(bad)\" in the TOML front matter")
            }
            if let bad = Self.misplacedTOMLValue(in: header) {
                throw FrontMatterError(message: "malformed TOML front matter near \"\(bad)\"")
            }
            fields = Self.value(of: try TOMLTable(string: header))
        }
    }

    init() { syntax = nil }

    /// Where the TOML's brackets, braces, strings or values are out of place, if anywhere: a
    /// value that does not start like one (`tags = [}"a"]`), an unclosed string, a `]` or `}`
    /// closing nothing. toml++ (under TOMLKit) asserts on some of these and stops the process,
    /// so they are refused before it parses. Well-formed TOML always passes.
    static func misplacedTOMLValue(in header: String) -> String? {
        enum Container { case array, table }
        let bytes = Array(header.utf8)
        let quote = UInt8(ascii: "\""), apostrophe = UInt8(ascii: "'"), newline = UInt8(ascii: "\n")
        var stack: [Container] = []
        var expectValue = false
        var atLineStart = true
        var index = 0
        func near(_ at: Int) -> String { String(decoding: bytes[at..<min(bytes.count, at + 30)], as: UTF8.self) }
        func tripled(_ byte: UInt8, at position: Int) -> Bool {
            position + 3 <= bytes.count && bytes[position] == byte && bytes[position + 1] == byte && bytes[position + 2] == byte
        }
        let valueStarts = Set("\"'[{0123456789+-tfin".utf8)
        let bareKey = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-".utf8)
        var expectKey = false
        /// The index after a well-formed `[a.b."c"]` or `[[a]]` line, or nil.
        func headerEnd(from start: Int) -> Int? {
            var position = start + 1
            let double = position < bytes.count && bytes[position] == UInt8(ascii: "[")
            if double { position += 1 }
            func skipSpaces() { while position < bytes.count, bytes[position] == UInt8(ascii: " ") || bytes[position] == UInt8(ascii: "\t") { position += 1 } }
            while true {
                skipSpaces()
                guard position < bytes.count else { return nil }
                let first = bytes[position]
                if first == quote || first == apostrophe {
                    position += 1
                    while position < bytes.count, bytes[position] != first, bytes[position] != newline { position += 1 }
                    guard position < bytes.count, bytes[position] == first else { return nil }
                    position += 1
                } else {
                    guard bareKey.contains(first) else { return nil }
                    while position < bytes.count, bareKey.contains(bytes[position]) { position += 1 }
                }
                skipSpaces()
                guard position < bytes.count else { return nil }
                if bytes[position] == UInt8(ascii: ".") { position += 1; continue }
                guard bytes[position] == UInt8(ascii: "]") else { return nil }
                position += 1
                if double {
                    guard position < bytes.count, bytes[position] == UInt8(ascii: "]") else { return nil }
                    position += 1
                }
                skipSpaces()
                if position < bytes.count, bytes[position] != newline, bytes[position] != UInt8(ascii: "#"), bytes[position] != UInt8(ascii: "\r") { return nil }
                while position < bytes.count, bytes[position] != newline { position += 1 }
                return position
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") {
                index += 1
                continue
            }
            if byte == newline {
                // A value must begin on the line of its key, except inside an array.
                if expectValue, stack.last != .array { return near(index) }
                atLineStart = true
                index += 1
                continue
            }
            if byte == UInt8(ascii: "#") {
                while index < bytes.count, bytes[index] != newline { index += 1 }
                continue
            }
            if atLineStart, stack.isEmpty, byte == UInt8(ascii: "[") {
                // A [table] or [[array of tables]] header: dotted keys, then its own line.
                guard let end = headerEnd(from: index) else { return near(index) }
                index = end
                continue
            }
            if (atLineStart && stack.isEmpty) || expectKey {
                // `}` right after `{`: an empty inline table.
                if !(expectKey && byte == UInt8(ascii: "}")), !bareKey.contains(byte), byte != quote, byte != apostrophe {
                    return near(index)
                }
                expectKey = false
            }
            atLineStart = false
            if expectValue {
                // `]` right away: an empty array, or a trailing comma.
                if !(byte == UInt8(ascii: "]") && stack.last == .array), !valueStarts.contains(byte) { return near(index) }
                expectValue = false
            }
            switch byte {
            case quote, apostrophe:
                let triple = tripled(byte, at: index)
                var end = index + (triple ? 3 : 1)
                while true {
                    guard end < bytes.count else { return near(index) }
                    if byte == quote, bytes[end] == UInt8(ascii: "\\") { end += 2; continue }
                    if !triple, bytes[end] == newline { return near(index) }
                    if bytes[end] == byte, !triple || tripled(byte, at: end) { break }
                    end += 1
                }
                index = end + (triple ? 3 : 1)
                continue
            case UInt8(ascii: "="):
                expectValue = true
            case UInt8(ascii: "["):
                stack.append(.array)
                expectValue = true
            case UInt8(ascii: "{"):
                stack.append(.table)
                expectKey = true
            case UInt8(ascii: "]"):
                guard stack.popLast() == .array else { return near(index) }
            case UInt8(ascii: "}"):
                guard stack.popLast() == .table else { return near(index) }
            case UInt8(ascii: ","):
                if stack.isEmpty { return near(index) }
                if stack.last == .array { expectValue = true } else { expectKey = true }
            default:
                break
            }
            index += 1
        }
        return stack.isEmpty && !expectValue ? nil : "the end"
    }

    /// A date-time whose time part is broken (`2021-06-19T"10:00`). toml++, under TOMLKit, stops
    /// the process with an assertion on these instead of reporting an error, so they are refused
    /// before it sees them. A well-formed one is a date, `T`, then `HH:MM[:SS[.fff]]` and an optional
    /// offset, followed by the end of the value.
    static func malformedDateTime(inTOML header: String) -> String? {
        let start = /\d{4}-\d{2}-\d{2}[Tt]/
        let wellFormed = /\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:\d{2})?([\s,\]}#]|$)/
        for match in header.matches(of: start) {
            let rest = header[match.range.lowerBound...]
            if rest.prefixMatch(of: wellFormed) == nil { return String(rest.prefix(while: { !$0.isNewline }).prefix(40)) }
        }
        return nil
    }

    struct FrontMatterError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    /// Removes the second and later top-level entries of a repeated key (with their indented lines).
    private static func droppingRepeatedKeys(_ yaml: String) -> (String, [String]) {
        var seen: Set<String> = [], repeated: [String] = []
        var kept: [Substring] = []
        var skipping = false
        for line in yaml.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let topLevel = !(line.first?.isWhitespace ?? true) && !line.hasPrefix("-") && !line.hasPrefix("#")
            if topLevel, let colon = line.firstIndex(of: ":") {
                let key = String(line[..<colon]).trimmingWhitespace()
                skipping = !seen.insert(key).inserted
                if skipping { repeated.append(key) }
            } else if topLevel {
                skipping = false
            }
            if !skipping { kept.append(line) }
        }
        return (kept.joined(separator: "\n"), repeated)
    }

    // MARK: - Reading

    /// The first of `keys` present, as text.
    func string(_ keys: String...) -> String? {
        for key in keys {
            if let value = fields[key.lowercased()] {
                switch value {
                case .text(let text): return text.trimmingWhitespace().isEmpty ? nil : text.trimmingWhitespace()
                case .list(let items): if let first = items.first?.text { return first }
                case .table: continue
                }
            }
        }
        return nil
    }

    /// The first of `keys` present, as a list of texts (a single text is a one-item list; an inline
    /// `[a, b]` written as text is split).
    func list(_ keys: String...) -> [String] {
        for key in keys {
            guard let value = fields[key.lowercased()] else { continue }
            switch value {
            case .list(let items): return items.compactMap(\.text).map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
            case .text(let text):
                var trimmed = text.trimmingWhitespace()
                if trimmed.hasPrefix("["), trimmed.hasSuffix("]") { trimmed = String(trimmed.dropFirst().dropLast()) }
                if trimmed.isEmpty { return [] }
                return trimmed.contains(",") ? trimmed.split(separator: ",").map { String($0).trimmingWhitespace() } : [trimmed]
            case .table: continue
            }
        }
        return []
    }

    func bool(_ key: String) -> Bool {
        guard let text = string(key)?.lowercased() else { return false }
        return ["true", "yes", "on", "1"].contains(text)
    }

    var keys: Set<String> { Set(fields.keys) }

    // MARK: - Conversion

    /// Values a YAML header may expand to. YAML aliases share nodes, so a few lines can stand for
    /// billions of values (the "billion laughs" of YAML); no real front matter comes near this.
    static let maxValues = 100_000

    private static func value(of node: Node, budget: inout Int) throws -> Value {
        budget -= 1
        if budget < 0 {
            throw FrontMatterError(message: "the YAML front matter expands to more than \(maxValues) values (nested aliases?); refused")
        }
        switch node {
        case .scalar(let scalar): return .text(scalar.string)
        case .sequence(let sequence): return .list(try sequence.map { try value(of: $0, budget: &budget) })
        case .mapping(let mapping):
            var table: [String: Value] = [:]
            for (key, value) in mapping {
                if let name = key.scalar?.string.lowercased(), table[name] == nil { table[name] = try Self.value(of: value, budget: &budget) }
            }
            return .table(table)
        case .alias: return .text("")
        }
    }

    private static func value(of table: TOMLTable) -> [String: Value] {
        var fields: [String: Value] = [:]
        for key in table.keys {
            if let value = table[key] { fields[key.lowercased()] = Self.value(of: value.tomlValue) }
        }
        return fields
    }

    private static func value(of value: TOMLValue) -> Value {
        switch value.type {
        case .table: return .table(value.table.map { Self.value(of: $0) } ?? [:])
        case .array: return .list(value.array.map { array in array.map { Self.value(of: $0.tomlValue) } } ?? [])
        case .string: return .text(value.string ?? "")
        default: return .text(value.debugDescription)
        }
    }
}
