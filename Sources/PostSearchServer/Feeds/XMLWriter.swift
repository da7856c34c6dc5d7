/// A small streaming XML writer: the one way the server writes XML (the Atom feed, the OpenSearch
/// description). Every name is given by the code; every text and attribute value is escaped here,
/// and characters XML 1.0 cannot hold (control characters other than tab and line breaks, U+FFFE,
/// U+FFFF) are left out, so text from the index can never break the document.
///
/// ```swift
/// var xml = XMLWriter()
/// xml.start("feed", ["xmlns": "http://www.w3.org/2005/Atom"])
/// xml.element("title", text: "Posts about <ruby>")
/// xml.end()
/// xml.string   // <?xml …?>\n<feed xmlns="…">\n  <title>Posts about &lt;ruby&gt;</title>\n</feed>\n
/// ```
struct XMLWriter {
    private(set) var string = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    private var open: [String] = []

    /// Opens an element; its children go on the following lines, indented.
    mutating func start(_ name: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        tag(name, attributes)
        string += ">\n"
        open.append(name)
    }

    /// Closes the element opened last.
    mutating func end() {
        let name = open.removeLast()
        string += String(repeating: "  ", count: open.count) + "</\(name)>\n"
    }

    /// A leaf element on one line: empty (`<link … />`) when `text` is nil.
    mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], text: String? = nil) {
        tag(name, attributes)
        guard let text else {
            string += "/>\n"
            return
        }
        string += ">" + Self.escape(text, quotes: false) + "</\(name)>\n"
    }

    private mutating func tag(_ name: String, _ attributes: KeyValuePairs<String, String>) {
        string += String(repeating: "  ", count: open.count) + "<" + name
        for (key, value) in attributes {
            string += " \(key)=\"" + Self.escape(value, quotes: true) + "\""
        }
    }

    /// `&`, `<`, `>` (and `"` in attribute values) as entities; characters XML cannot hold dropped.
    static func escape(_ text: String, quotes: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quotes: out += "&quot;"
            // Kept as characters in text; as references in attributes, which parsers would flatten.
            case "\t", "\n", "\r": if quotes { out += "&#\(scalar.value);" } else { out.unicodeScalars.append(scalar) }
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
