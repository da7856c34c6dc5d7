/// Turns HTML (a WordPress post body, rendered Markdown, a page's main content) into plain text
/// for indexing: tags, comments (block-editor markers too), scripts and styles removed, WordPress
/// shortcodes removed (their inner text kept), entities decoded, paragraphs kept as blank lines.
/// `plainTextAndBlocks` also tells where the headings, paragraphs, list items, preformatted
/// texts and quotes lie in that text (`BlockMarkers`), without changing a character of it.
public enum HTMLText {
    private static let blockTags: Set<String> = [
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "blockquote",
        "pre", "section", "article", "header", "footer", "figure", "figcaption", "hr", "dd", "dt", "dl", "aside",
        "details", "summary", "nav", "main", "td", "th",
    ]
    private static let droppedContent: Set<String> = ["script", "style", "template", "noscript", "svg"]

    public static func plainText(_ html: String, removeShortcodes: Bool = true) -> String {
        tidy(convert(html, removeShortcodes: removeShortcodes, markBlocks: false))
    }

    /// The same text as `plainText`, and its blocks.
    public static func plainTextAndBlocks(_ html: String, removeShortcodes: Bool = true) -> (text: String, blocks: [PostBlock]) {
        BlockMarkers.tidy(convert(html, removeShortcodes: removeShortcodes, markBlocks: true))
    }

    /// The text before tidying; with `markBlocks`, block tags leave `BlockMarkers` in it.
    private static func convert(_ html: String, removeShortcodes: Bool, markBlocks: Bool) -> String {
        let scalars = Array(html.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        // `text` is lower-case ASCII; the HTML may be in any case.
        func starts(with text: String, at index: Int) -> Bool {
            let pattern = text.unicodeScalars
            guard index + pattern.count <= scalars.count else { return false }
            var j = index
            for c in pattern {
                var value = scalars[j].value
                if value >= 65 && value <= 90 { value += 32 }
                guard value == c.value else { return false }
                j += 1
            }
            return true
        }
        func skip(past text: String, from index: Int) -> Int {
            let first = text.unicodeScalars.first!.value
            var j = index
            while j < scalars.count {
                if scalars[j].value == first, starts(with: text, at: j) { return j + text.unicodeScalars.count }
                j += 1
            }
            return scalars.count
        }
        while i < scalars.count {
            let c = scalars[i]
            if markBlocks, BlockMarkers.isMarker(c) { i += 1; continue }
            if c == "<" {
                if starts(with: "<!--", at: i) { i = skip(past: "-->", from: i + 4); continue }
                if starts(with: "<![cdata[", at: i) {
                    let end = skip(past: "]]>", from: i + 9)
                    out.append(contentsOf: scalars[(i + 9)..<max(i + 9, end - 3)].filter { !markBlocks || !BlockMarkers.isMarker($0) })
                    i = end
                    continue
                }
                // A tag: read its name; anything else is a literal '<'.
                var j = i + 1
                let closing = j < scalars.count && scalars[j] == "/"
                if closing { j += 1 }
                var name = ""
                while j < scalars.count, scalars[j].properties.isAlphabetic || ("0"..."9").contains(scalars[j]) {
                    name.unicodeScalars.append(scalars[j]); j += 1
                }
                guard !name.isEmpty || (j < scalars.count && (scalars[j] == "!" || scalars[j] == "?")) else {
                    out.append(c); i += 1; continue
                }
                let end = tagEnd(scalars, from: j)
                let lower = name.lowercased()
                if !closing, droppedContent.contains(lower) {
                    i = skip(past: "</\(lower)", from: end)
                    i = tagEnd(scalars, from: i)
                    continue
                }
                if blockTags.contains(lower) {
                    let kind = markBlocks ? PostBlock.Kind(rawValue: lower) : nil
                    if let kind, closing { out.append(BlockMarkers.end(kind)) }
                    out.append(contentsOf: (lower == "br" ? "\n" : "\n\n").unicodeScalars)
                    if let kind, !closing { out.append(BlockMarkers.start(kind)) }
                }
                else if lower == "img" || lower == "td" || lower == "th" { out.append(" ") }
                i = end
                continue
            }
            if c == "&", let (decoded, length) = entity(scalars, at: i) {
                out.append(contentsOf: decoded.unicodeScalars.filter { !markBlocks || !BlockMarkers.isMarker($0) })
                i += length
                continue
            }
            out.append(c)
            i += 1
        }
        let text = String(out)
        return removeShortcodes ? stripShortcodes(text) : text
    }

    /// Index just past the `>` closing a tag, skipping quoted attribute values.
    private static func tagEnd(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var j = start
        var quote: Unicode.Scalar?
        while j < s.count {
            let c = s[j]
            if let q = quote { if c == q { quote = nil } }
            else if c == "\"" || c == "'" { quote = c }
            else if c == ">" { return j + 1 }
            j += 1
        }
        return s.count
    }

    private static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "hellip": "…", "mdash": "—",
        "ndash": "–", "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”", "sbquo": "‚", "bdquo": "„",
        "copy": "©", "reg": "®", "trade": "™", "euro": "€", "pound": "£", "yen": "¥", "cent": "¢", "laquo": "«",
        "raquo": "»", "middot": "·", "bull": "•", "deg": "°", "times": "×", "divide": "÷", "shy": "", "zwnj": "\u{200C}",
        "zwj": "\u{200D}", "thinsp": " ", "ensp": " ", "emsp": " ", "iexcl": "¡", "iquest": "¿", "sect": "§",
        "para": "¶", "eacute": "é", "egrave": "è", "aacute": "á", "agrave": "à", "oacute": "ó", "uuml": "ü",
        "ouml": "ö", "auml": "ä", "szlig": "ß", "ccedil": "ç", "ntilde": "ñ", "prime": "′", "Prime": "″",
    ]

    /// Decodes `&name;`, `&#123;` or `&#x1F;` at `index`: the text and how many scalars it used.
    private static func entity(_ s: [Unicode.Scalar], at index: Int) -> (String, Int)? {
        var j = index + 1
        var body = ""
        while j < s.count, j - index <= 32, s[j] != ";" {
            guard s[j].properties.isAlphabetic || ("0"..."9").contains(s[j]) || s[j] == "#" else { return nil }
            body.unicodeScalars.append(s[j]); j += 1
        }
        guard j < s.count, s[j] == ";", !body.isEmpty else { return nil }
        let length = j - index + 1
        if body.hasPrefix("#") {
            let digits = body.dropFirst()
            let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            guard let value, let scalar = Unicode.Scalar(value), value != 0 else { return nil }
            return (String(scalar), length)
        }
        guard let text = named[body] else { return nil }
        return (text, length)
    }

    /// WordPress core's shortcodes: removed wherever they appear.
    static let registeredShortcodes: Set<Substring> = ["audio", "caption", "wp_caption", "embed", "gallery", "playlist", "video"]

    /// Removes WordPress shortcodes (`[gallery ids="1,2"]`, `[caption …]…[/caption]`, `[php]…[/php]`):
    /// core's registered names anywhere, any other name only as an `[name …]…[/name]` pair whose
    /// closing tag is present. Text between the tags stays; code such as `a[i]` or `f[i,j]` stays.
    static func stripShortcodes(_ text: String) -> String {
        guard text.contains("[") else { return text }
        let closed = closingShortcodeNames(in: text)
        var opened: Set<Substring> = []
        var out = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "[") {
            out += rest[..<open]
            var j = rest.index(after: open)
            let closing = j < rest.endIndex && rest[j] == "/"
            if closing { j = rest.index(after: j) }
            let nameStart = j
            while j < rest.endIndex, rest[j].isLetter || rest[j].isNumber || rest[j] == "_" || rest[j] == "-" { j = rest.index(after: j) }
            let name = rest[nameStart..<j]
            if let first = name.first, first.isLetter, j < rest.endIndex, rest[j] == "]" || rest[j] == " " || rest[j] == "/",
               let close = rest[j...].firstIndex(of: "]"), !rest[j..<close].contains("\n"), !rest[j..<close].contains("["),
               registeredShortcodes.contains(name) || (closing ? opened.contains(name) : closed.contains(name)) {
                if !closing { opened.insert(name) }
                rest = rest[rest.index(after: close)...]
                continue
            }
            out += "["
            rest = rest[rest.index(after: open)...]
        }
        return out + rest
    }

    /// The names of every `[/name]` in the text.
    private static func closingShortcodeNames(in text: String) -> Set<Substring> {
        var names: Set<Substring> = []
        var rest = Substring(text)
        while let open = rest.range(of: "[/") {
            let nameEnd = rest[open.upperBound...].firstIndex { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") } ?? rest.endIndex
            if nameEnd < rest.endIndex, rest[nameEnd] == "]", nameEnd > open.upperBound { names.insert(rest[open.upperBound..<nameEnd]) }
            rest = rest[open.upperBound...]
        }
        return names
    }

    /// Spaces collapsed within lines, lines trimmed, at most one blank line between paragraphs.
    static func tidy(_ text: String) -> String {
        var lines: [String] = []
        var blank = true
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let words = line.split(whereSeparator: { $0.isWhitespace })
            if words.isEmpty {
                if !blank { lines.append("") }
                blank = true
            } else {
                lines.append(words.joined(separator: " "))
                blank = false
            }
        }
        while lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
