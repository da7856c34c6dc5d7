import Foundation
import Ink

/// Reads Markdown posts with YAML (`---`) or TOML (`+++`) front matter, as static-site blogs
/// (Jekyll, Hugo, Zola, the Go and Node.js blogs) keep them.
///
/// Keys: `title`, `date`, `author`/`authors`/`by`, `category`/`categories`, `tags` (or the same
/// in Zola's `[taxonomies]` table), `lang`, `slug`, `draft`, `summary`/`description` (the
/// excerpt), `image`/`cover`, and the keys named in `ImportOptions.fields` (custom fields, as are
/// Zola's other taxonomies). Without a (readable) date, the date comes from a `YYYY-M-D-` file
/// name or a dated `path` key or folder; without a title, from the first heading. Drafts,
/// redirect stubs, section and index pages are not posts. The body is the Markdown as plain text.
public enum MarkdownImporter {
    public static let fileExtensions: Set<String> = ["md", "markdown", "mdx"]

    /// What one file turned out to be.
    public enum Outcome {
        /// A post, and warnings about it (a date taken from the file name, …).
        case post(Post, warnings: [String])
        /// Not a post (a redirect stub, an index page, a draft): why.
        case notAPost(String)
    }

    public static func parse(_ source: String, id: String, file: String, options: ImportOptions) throws(ImportFailure) -> Outcome {
        let name = (id as NSString).lastPathComponent
        let stem = (name as NSString).deletingPathExtension.lowercased()
        if stem == "_index" { return .notAPost("a section index page") }
        let (header, syntax, body, _) = FrontMatter.split(source)
        let front: FrontMatter
        do {
            front = try header.map { try FrontMatter(parsing: $0, syntax: syntax!) } ?? FrontMatter()
        } catch {
            throw ImportFailure(file: file, line: 2, reason: "unreadable front matter: \(error)")
        }
        if front.keys.contains(where: { ["redirect", "redirect_to", "redirect_url", "redirecturl"].contains($0) }) {
            return .notAPost("a redirect stub")
        }
        if front.bool("draft"), !options.includeDrafts { return .notAPost("a draft") }

        var warnings = front.warnings
        var date: PostDate?
        var unreadable: String?
        if let written = front.string("date") {
            date = PostDate.loose(written)
            if date == nil { unreadable = written }
        }
        if date == nil { date = dateInPath(front.string("path") ?? "") ?? dateInName(name) ?? dateInPath(id) }
        if let unreadable {
            warnings.append("unreadable date \"\(unreadable)\"" + (date.map { "; used \($0.dayString) from the file's name or path" } ?? ""))
        }
        if date == nil {
            if header == nil { return .notAPost("no front matter and no date in its name") }
            if front.keys.contains("template") || ["index", "all", "archive", "readme", "latest"].contains(stem)
                || (front.string("layout") ?? "").lowercased().contains("categor") {
                return .notAPost("an index or template page (no date)")
            }
            warnings.append("no date in the front matter, the file name or its path")
        }

        let (text, blocks) = plainTextAndBlocks(of: String(body))
        var title = front.string("title") ?? firstHeading(in: body) ?? ""
        if title.isEmpty { title = SeedTextImporter.titleFromFileName(stem == "index" ? Paths.parent(of: id) : name) }
        // Zola keeps authors, categories and tags (and any taxonomy of the site's) in [taxonomies].
        let taxonomies = front.table("taxonomies") ?? FrontMatter()
        func list(_ keys: String...) -> [String] {
            for source in [front, taxonomies] {
                for key in keys { let values = source.list(key); if !values.isEmpty { return values } }
            }
            return []
        }
        var fields: [String: [String]] = [:]
        for name in taxonomies.keys where !["authors", "author", "categories", "category", "tags", "tag"].contains(name) {
            let values = taxonomies.texts(name)
            if !values.isEmpty { fields[name] = values }
        }
        for name in options.fields {
            let values = front.texts(name)
            if !values.isEmpty { fields[name] = values }
        }
        let excerpt = front.string("summary", "description", "excerpt").map { HTMLText.plainText($0, removeShortcodes: false) }
        let post = Post(
            id: id,
            title: HTMLText.plainText(title),
            date: date,
            authors: list("authors", "author", "by").map(stripMarkdownLinks),
            categories: list("categories", "category"),
            tags: list("tags", "tag"),
            body: text,
            url: front.string("url", "permalink", "canonicalurl"),
            language: front.string("lang", "language") ?? options.defaultLanguage,
            excerpt: excerpt.flatMap { $0.isEmpty ? nil : $0 },
            image: front.string("image", "cover", "featured_image", "thumbnail") ?? front.texts("cover").first,
            fields: fields,
            blocks: blocks
        )
        return .post(post, warnings: warnings)
    }

    /// Markdown to plain text: template tags (Liquid, Hugo, Go) dropped, then rendered with Ink and
    /// stripped of markup.
    static func plainText(of markdown: String) -> String {
        plainTextAndBlocks(of: markdown).text
    }

    /// The same, with the blocks of the rendered HTML.
    static func plainTextAndBlocks(of markdown: String) -> (text: String, blocks: [PostBlock]) {
        let prepared = escapingUnclosedBrackets(resolvingEscapes(removingTemplateTags(markdown)))
        // Ink parses nested brackets recursively: thousands of them overflow the stack. Such
        // text is not Markdown anyone wrote; its words are kept, its markup characters too.
        guard bracketNesting(of: prepared) <= maxInkNesting else {
            return (HTMLText.plainText(prepared, removeShortcodes: false), [])
        }
        let html = MarkdownParser().html(from: withoutUnclosedMetadataFence(prepared))
        return HTMLText.plainTextAndBlocks(html, removeShortcodes: false)
    }

    static let maxInkNesting = 16

    /// Ink reads a text opening with a `---` line as a metadata block and, when no `---` line
    /// closes it, reads past the end of the text and stops the process (Pelican's metadata,
    /// which ends at a blank line, opens so). The opening line becomes `***`, the same rule to
    /// Markdown, which Ink does not take for metadata.
    static func withoutUnclosedMetadataFence(_ text: String) -> String {
        let start = text.firstIndex { !$0.isWhitespace } ?? text.endIndex
        guard text[start...].hasPrefix("---") else { return text }
        let lineEnd = text[start...].firstIndex(where: \.isNewline) ?? text.endIndex
        guard text[start..<lineEnd].trimmingCharacters(in: .whitespaces) == "---" else { return text }
        let closed = text[lineEnd...].split(whereSeparator: \.isNewline).contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix("---") }
        return closed ? text : text.replacingCharacters(in: start..<lineEnd, with: "***")
    }

    /// The deepest nesting of `[` … `]` (unclosed ones are escaped by then).
    static func bracketNesting(of text: String) -> Int {
        var depth = 0, deepest = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "[") { depth += 1; deepest = max(deepest, depth) }
            if byte == UInt8(ascii: "]") { depth = max(0, depth - 1) }
        }
        return deepest
    }

    /// `[` that no `]` closes become `&#91;`. They cannot start a link, but Ink tries each one
    /// as a link to the end of its paragraph, and nested tries take exponential time (27 of them
    /// in one paragraph ran for minutes). The entity reads back as `[` in the text.
    static func escapingUnclosedBrackets(_ text: String) -> String {
        var open: [String.Index] = []
        var unclosed: [String.Index] = []
        var index = text.startIndex
        for byte in text.utf8 {
            if byte == UInt8(ascii: "[") { open.append(index) }
            if byte == UInt8(ascii: "]") { _ = open.popLast() }
            // A blank line ends a paragraph: brackets open there stay unclosed.
            index = text.utf8.index(after: index)
            if byte == UInt8(ascii: "\n"), index < text.endIndex, text.utf8[index] == UInt8(ascii: "\n") {
                unclosed += open
                open.removeAll()
            }
        }
        unclosed += open
        guard !unclosed.isEmpty else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + unclosed.count * 4)
        var cursor = text.startIndex
        for position in unclosed.sorted() {
            out += text[cursor..<position]
            out += "&#91;"
            cursor = text.utf8.index(after: position)
        }
        return out + text[cursor...]
    }

    /// `{% … %}`, `{{ … }}`, `{{% … %}}`, `{{< … >}}` go; the text between paired tags stays.
    static func removingTemplateTags(_ text: String) -> String {
        guard text.contains("{{") || text.contains("{%") else { return text }
        var out = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(where: { $0 == "{" }) {
            out += rest[..<open]
            let after = rest[rest.index(after: open)...]
            if let next = after.first, next == "{" || next == "%" {
                let closer = next == "{" ? "}}" : "%}"
                if let close = after.range(of: closer) {
                    rest = after[close.upperBound...]
                    continue
                }
            }
            out.append("{")
            rest = after
        }
        return out + rest
    }

    /// Backslash escapes (`\<`, `\*`) resolved before Ink sees them: Ink 0.6 never returns from
    /// some of them (`\<path>`). `<`, `>` and `&` become entities so they stay text.
    static func resolvingEscapes(_ text: String) -> String {
        guard text.contains("\\") else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var iterator = text.makeIterator()
        while let c = iterator.next() {
            guard c == "\\" else { out.append(c); continue }
            guard let next = iterator.next() else { out.append(c); break }
            switch next {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case _ where next.isASCII && next.isPunctuation || next.isASCII && next.isSymbol: out.append(next)
            default: out.append(c); out.append(next)
            }
        }
        return out
    }

    /// `[Name](https://…)` → `Name`.
    static func stripMarkdownLinks(_ text: String) -> String {
        guard text.contains("](") else { return text }
        var out = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "[") {
            out += rest[..<open]
            let inner = rest[rest.index(after: open)...]
            if let close = inner.firstIndex(of: "]"), inner[close...].hasPrefix("]("), let end = inner[close...].firstIndex(of: ")") {
                out += inner[..<close]
                rest = inner[inner.index(after: end)...]
            } else {
                out += "["
                rest = inner
            }
        }
        return (out + rest).trimmingWhitespace()
    }

    static func firstHeading(in body: Substring) -> String? {
        for line in body.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("# ") { return String(trimmed.dropFirst(2)).trimmingWhitespace() }
        }
        return nil
    }

    /// `2021-06-19-title.md`, `2019-1-7-slug.md` (Jekyll takes one-digit months and days).
    static func dateInName(_ name: String) -> PostDate? {
        guard let match = name.prefixMatch(of: /(\d{4})-(\d{1,2})-(\d{1,2})(?:[-._]|$)/),
              let year = Int(match.1), let month = Int(match.2), let day = Int(match.3) else { return nil }
        return PostDate(year: year, month: month, day: day)
    }

    /// `2019/09/30/slug`, `inside-rust/2020/07/27/slug`: a year/month/day run of folders.
    static func dateInPath(_ path: String) -> PostDate? {
        let parts = path.split(separator: "/").map(String.init)
        guard parts.count >= 3 else { return nil }
        for i in 0...(parts.count - 3) where parts[i].count == 4 && parts[i].allSatisfy(\.isNumber) {
            if let year = Int(parts[i]), let month = Int(parts[i + 1]), let day = Int(parts[i + 2].prefix(2)),
               let date = PostDate(year: year, month: month, day: day) {
                return date
            }
        }
        return nil
    }
}
