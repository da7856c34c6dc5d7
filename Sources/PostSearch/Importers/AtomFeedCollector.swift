import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The SAX delegate for Atom (RFC 4287) feeds and Blogger's Atom export.
final class AtomFeedCollector: XMLPostCollector {
    let options: ImportOptions
    private var feedLanguage: String?
    private var entry: FeedEntry?
    /// Blogger's kind of entry (`…#post`, `…#comment`, `…#settings`), when it says.
    private var kind: String?
    private var draft = false
    /// `type` of the `<title>`, `<content>` or `<summary>` being read.
    private var textType = "text"
    /// XHTML content is markup inside the element: rebuilt here as HTML.
    private var xhtml: String?
    private var xhtmlDepth = 0

    static let bloggerKindScheme = "http://schemas.google.com/g/2005#kind"

    init(file: String, options: ImportOptions, parser: XMLParser, handle: @escaping XMLInput.Handle) {
        self.options = options
        super.init(file: file, parser: parser, handle: handle)
    }

    override func start(_ name: String, attributes: [String: String]) {
        if xhtml != nil {
            xhtml! += Self.escaped(text) + "<\(name)>"
            xhtmlDepth += 1
            return
        }
        if name == "feed" { feedLanguage = attributes["xml:lang"] }
        if name == "entry", parent == "feed" {
            entry = FeedEntry(line: parser?.lineNumber ?? 0)
            entry?.language = attributes["xml:lang"]
            kind = nil
            draft = false
            return
        }
        guard entry != nil, parent == "entry" else { return }
        switch name {
        case "title", "content", "summary":
            textType = attributes["type"] ?? "text"
            if textType == "xhtml" { xhtml = ""; xhtmlDepth = 0 }
        case "link":
            let relation = attributes["rel"] ?? "alternate"
            if relation == "alternate", entry?.link == nil { entry?.link = attributes["href"] }
            if relation == "enclosure", (attributes["type"] ?? "").hasPrefix("image/"), entry?.image == nil { entry?.image = attributes["href"] }
        case "category":
            guard let term = attributes["term"] else { break }
            if attributes["scheme"] == Self.bloggerKindScheme { kind = term } else { entry?.categories.append(term) }
        case "media:thumbnail", "media:content":
            if entry?.image == nil { entry?.image = attributes["url"] }
        default: break
        }
    }

    override func end(_ name: String) {
        if var markup = xhtml {
            if xhtmlDepth > 0 {
                xhtml = markup + Self.escaped(text) + "</\(name)>"
                xhtmlDepth -= 1
                return
            }
            markup += Self.escaped(text)
            xhtml = nil
            store(name, value: markup, isHTML: true)
            return
        }
        guard entry != nil else { return }
        if name == "entry" {
            guard let finished = entry else { return }
            entry = nil
            // Blogger: settings, template and comments are entries too; drafts say so in app:control.
            if let kind, !kind.hasSuffix("#post") { return }
            if draft, !options.includeDrafts { return }
            var post = finished
            post.language = post.language ?? feedLanguage
            deliver(post.post(file: file, options: options), line: post.line)
            return
        }
        if name == "app:draft", text.trimmingWhitespace() == "yes" { draft = true }
        if parent == "author", name == "name", path.count >= 3, path[path.count - 3] == "entry" {
            let value = text.trimmingWhitespace()
            if !value.isEmpty { entry?.authors.append(value) }
        }
        guard parent == "entry" else { return }
        switch name {
        case "title", "content", "summary": store(name, value: text, isHTML: textType == "html")
        case "id": entry?.id = text.trimmingWhitespace()
        case "published": entry?.published = PostDate.loose(text)
        case "updated": entry?.updated = PostDate.loose(text)
        default: break
        }
    }

    /// Text put back between rebuilt tags, so that HTMLText reads it as text again.
    private static func escaped(_ text: String) -> String {
        guard text.contains(where: { $0 == "<" || $0 == "&" }) else { return text }
        return text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }

    private func store(_ name: String, value: String, isHTML: Bool) {
        switch name {
        case "title": entry?.title = value; entry?.titleIsHTML = isHTML
        case "content": entry?.content = value; entry?.contentIsHTML = isHTML
        case "summary": entry?.summary = value; entry?.summaryIsHTML = isHTML
        default: break
        }
    }
}
