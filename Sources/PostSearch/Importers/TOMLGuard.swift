/// Checks TOML front matter before toml++ (under TOMLKit) parses it: on some malformed input
/// toml++ stops the process with an assertion instead of reporting an error. A guard against the
/// inputs found so far, not a parser: well-formed TOML always passes.
enum TOMLGuard {
    /// Why `header` is refused, or nil.
    static func refusal(of header: String) -> String? {
        if let bad = malformedDateTime(in: header) { return "malformed date-time \"\(bad)\" in the TOML front matter" }
        if let bad = misplacedValue(in: header) { return "malformed TOML front matter near \"\(bad)\"" }
        return nil
    }

    private static let quote = UInt8(ascii: "\""), apostrophe = UInt8(ascii: "'"), newline = UInt8(ascii: "\n")
    private static let valueStarts = Set("\"'[{0123456789+-tfin".utf8)
    private static let bareKey = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-".utf8)

    /// Where the TOML's brackets, braces, strings, keys or values are out of place, if anywhere: a
    /// value that does not start like one (`tags = [}"a"]`), an unclosed string, a `]` or `}`
    /// closing nothing, a table header that is not one (`[[[params]`).
    static func misplacedValue(in header: String) -> String? {
        enum Container { case array, table }
        let bytes = Array(header.utf8)
        var stack: [Container] = []
        var expectValue = false, expectKey = false
        var atLineStart = true
        var index = 0
        func near(_ at: Int) -> String { String(decoding: bytes[at..<min(bytes.count, at + 30)], as: UTF8.self) }
        func tripled(_ byte: UInt8, at position: Int) -> Bool {
            position + 3 <= bytes.count && bytes[position] == byte && bytes[position + 1] == byte && bytes[position + 2] == byte
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
                guard let end = headerEnd(in: bytes, from: index) else { return near(index) }
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

    /// A bare date-time whose time part is broken (`2021-06-19T"10:00`), if any. A well-formed one
    /// is a date, `T`, then `HH:MM[:SS[.fff]]` and an optional offset, followed by the end of the
    /// value. Text inside strings (`date = "2018-07-24T06:48:19+02:00"`, as Hugo writes it) is
    /// any text to toml++, so it is not looked at.
    static func malformedDateTime(in header: String) -> String? {
        let start = /\d{4}-\d{2}-\d{2}[Tt]/
        let wellFormed = /\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:\d{2})?([\s,\]}#]|$)/
        let strings = stringSpans(in: Array(header.utf8))
        for match in header.matches(of: start) {
            let offset = header.utf8.distance(from: header.startIndex, to: match.range.lowerBound)
            if strings.contains(where: { $0.contains(offset) }) { continue }
            let rest = header[match.range.lowerBound...]
            if rest.prefixMatch(of: wellFormed) == nil { return String(rest.prefix(while: { !$0.isNewline }).prefix(40)) }
        }
        return nil
    }

    /// The byte ranges of the header's quoted strings (basic, literal, multi-line), comments left out.
    static func stringSpans(in bytes: [UInt8]) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        var index = 0
        func tripled(_ byte: UInt8, at position: Int) -> Bool {
            position + 3 <= bytes.count && bytes[position] == byte && bytes[position + 1] == byte && bytes[position + 2] == byte
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "#") {
                while index < bytes.count, bytes[index] != newline { index += 1 }
                continue
            }
            guard byte == quote || byte == apostrophe else { index += 1; continue }
            let triple = tripled(byte, at: index)
            var end = index + (triple ? 3 : 1)
            while end < bytes.count {
                if byte == quote, bytes[end] == UInt8(ascii: "\\") { end += 2; continue }
                if !triple, bytes[end] == newline { break }
                if bytes[end] == byte, !triple || tripled(byte, at: end) { break }
                end += 1
            }
            end = min(bytes.count, end + (triple ? 3 : 1))
            spans.append(index..<end)
            index = end
        }
        return spans
    }

    /// The index after a well-formed `[a.b."c"]` or `[[a]]` line, or nil.
    private static func headerEnd(in bytes: [UInt8], from start: Int) -> Int? {
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
}
