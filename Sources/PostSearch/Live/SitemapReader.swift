import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads a sitemap (`<urlset>` of `<url><loc><lastmod>`) or a sitemap index (`<sitemapindex>`
/// of `<sitemap><loc>`), behind the XML guards every importer uses.
enum SitemapReader {
    struct Entry: Equatable {
        let location: String
        let lastModified: String?
    }

    struct Listing {
        var pages: [Entry] = []
        /// Further sitemaps, when this is an index.
        var sitemaps: [String] = []
    }

    static func read(_ data: Data, url: String) throws(ImportFailure) -> Listing {
        if let refusal = XMLInput.refusal(ofProlog: data.prefix(XMLInput.prologLimit)) {
            throw ImportFailure(file: url, line: 1, reason: refusal)
        }
        let parser = XMLParser(data: XMLInput.repaired(data) ?? data)
        let collector = Collector()
        parser.delegate = collector
        parser.shouldResolveExternalEntities = false
        guard parser.parse(), collector.root == "urlset" || collector.root == "sitemapindex" else {
            throw ImportFailure(file: url, line: parser.lineNumber, reason: collector.root.map { "not a sitemap (root element <\($0)>)" }
                ?? "not well-formed XML at column \(parser.columnNumber)")
        }
        return collector.listing
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var root: String?
        var listing = Listing()
        private var text = "", location: String?, lastModified: String?

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            if root == nil { root = name }
            if name == "url" || name == "sitemap" { location = nil; lastModified = nil }
            text = ""
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            switch name {
            case "loc": location = text.trimmingWhitespace()
            case "lastmod": lastModified = text.trimmingWhitespace()
            case "url": if let location, !location.isEmpty { listing.pages.append(Entry(location: location, lastModified: lastModified)) }
            case "sitemap": if let location, !location.isEmpty { listing.sitemaps.append(location) }
            default: break
            }
            text = ""
        }
    }
}
