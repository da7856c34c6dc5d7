/// A piece of a post's text and the places in it that matched the query (as tantivy's
/// `Snippet`): data, rendered as HTML for JSON and the page, or with terminal colours for the CLI.
public struct Snippet: Sendable, Equatable {
    /// Plain text, `…` where it was cut, runs of white space as one space.
    public let text: String
    /// The matches, as UTF-8 byte offsets into `text`, in order and not overlapping.
    public let highlights: [Range<Int>]

    public init(text: String, highlights: [Range<Int>] = []) {
        self.text = text
        self.highlights = highlights
    }

    /// HTML-escaped text, each match in `<mark>…</mark>`.
    public var html: String {
        rendered(open: "<mark>", close: "</mark>", escape: Self.escapeHTML)
    }

    /// The text with `open` and `close` around each match; `escape` applies to the text between.
    public func rendered(open: String, close: String, escape: (Substring) -> String = { String($0) }) -> String {
        let bytes = Array(text.utf8)
        var out = ""
        var cursor = 0
        func piece(_ range: Range<Int>) -> Substring { Substring(decoding: bytes[range], as: UTF8.self) }
        for highlight in highlights where highlight.lowerBound >= cursor && highlight.upperBound <= bytes.count {
            out += escape(piece(cursor..<highlight.lowerBound))
            out += open + escape(piece(highlight)) + close
            cursor = highlight.upperBound
        }
        out += escape(piece(cursor..<bytes.count))
        return out
    }

    static func escapeHTML(_ text: Substring) -> String {
        guard text.contains(where: { $0 == "&" || $0 == "<" || $0 == ">" }) else { return String(text) }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(character)
            }
        }
        return out
    }
}
