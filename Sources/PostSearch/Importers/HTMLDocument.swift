import CLibXML2
import Foundation

/// A web page parsed by libxml2's HTML parser (forgiving: broken markup is recovered, never
/// refused; no network access), with just what the HTML importer walks: elements, their
/// attributes and text, removal of a subtree, and serialisation back to HTML.
final class HTMLDocument {
    private let document: htmlDocPtr

    private static let initialised: Bool = { xmlInitParser(); return true }()

    /// nil when libxml2 finds no document at all (empty input).
    init?(data: Data) {
        _ = Self.initialised
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue)
        // A page that names no charset is read as UTF-8 (what static-site generators write),
        // not as libxml2's default, Latin-1.
        let head = String(decoding: data.prefix(4096), as: UTF8.self).lowercased()
        let encoding: String? = head.contains("charset") || head.hasPrefix("<?xml") ? nil : "UTF-8"
        guard data.count < Int32.max, let parsed = data.withUnsafeBytes({ bytes -> htmlDocPtr? in
            guard let base = bytes.baseAddress?.assumingMemoryBound(to: CChar.self) else { return nil }
            return htmlReadMemory(base, Int32(bytes.count), nil, encoding, options)
        }) else { return nil }
        document = parsed
    }

    deinit { xmlFreeDoc(document) }

    var root: HTMLElement? { xmlDocGetRootElement(document).map { HTMLElement(node: $0, document: self) } }

    /// The subtree as HTML.
    func html(of element: HTMLElement) -> String {
        guard let buffer = xmlBufferCreate() else { return "" }
        defer { xmlBufferFree(buffer) }
        htmlNodeDump(buffer, document, element.node)
        guard let content = xmlBufferContent(buffer) else { return "" }
        return String(cString: content)
    }
}

/// An element of an `HTMLDocument` (valid while the document lives and the element is in it).
struct HTMLElement {
    let node: xmlNodePtr
    /// Keeps the document alive while its elements are used.
    let document: HTMLDocument

    /// Lower-case tag name.
    var name: String { node.pointee.name.map { String(cString: $0).lowercased() } ?? "" }

    func attribute(_ name: String) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { postsearch_xml_free(value) }
        return String(cString: value)
    }

    /// Whether the space-separated attribute (`class`, `rel`) holds `token`, ignoring case.
    func has(_ token: String, in attributeName: String) -> Bool {
        guard let value = attribute(attributeName)?.lowercased() else { return false }
        return value.split(whereSeparator: { $0.isWhitespace }).contains { $0 == token }
    }

    /// All text inside, as written (entities decoded).
    var text: String {
        guard let content = xmlNodeGetContent(node) else { return "" }
        defer { postsearch_xml_free(content) }
        return String(cString: content)
    }

    /// The text with white space collapsed.
    var tidyText: String { text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ") }

    var children: [HTMLElement] {
        var elements: [HTMLElement] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { elements.append(HTMLElement(node: current, document: document)) }
            child = current.pointee.next
        }
        return elements
    }

    /// Every element below, in document order; `descend` false skips an element's own subtree.
    func walk(_ visit: (HTMLElement) -> Bool) {
        for child in children where visit(child) { child.walk(visit) }
    }

    func first(where matches: (HTMLElement) -> Bool) -> HTMLElement? {
        var found: HTMLElement?
        walk { element in
            if found == nil, matches(element) { found = element }
            return found == nil
        }
        return found
    }

    /// Takes the element and its subtree out of the document, for good.
    func remove() {
        xmlUnlinkNode(node)
        xmlFreeNode(node)
    }

    /// The element and its subtree as HTML.
    var html: String { document.html(of: self) }
}
