import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The SAX delegate for RSS 2.0 (items inside `<channel>`) and RSS 1.0 (items beside it).
final class RSSFeedCollector: XMLPostCollector {
    let options: ImportOptions
    private var channelLanguage: String?
    private var entry: FeedEntry?
    private var itemDescription: String?

    init(file: String, options: ImportOptions, parser: XMLParser, handle: @escaping XMLInput.Handle) {
        self.options = options
        super.init(file: file, parser: parser, handle: handle)
    }

    override func start(_ name: String, attributes: [String: String]) {
        if name == "item", parent == "channel" || parent == "rdf:RDF" {
            entry = FeedEntry(line: parser?.lineNumber ?? 0)
            entry?.id = attributes["rdf:about"]
            itemDescription = nil
        }
        guard entry != nil, parent == "item" else { return }
        // A picture of the post: Media RSS, or an image enclosure.
        if ["media:content", "media:thumbnail"].contains(name) || (name == "enclosure" && (attributes["type"] ?? "").hasPrefix("image/")),
           entry?.image == nil, let url = attributes["url"], !url.isEmpty {
            entry?.image = url
        }
    }

    override func end(_ name: String) {
        guard entry != nil else {
            if name == "language", parent == "channel" { channelLanguage = text.trimmingWhitespace() }
            return
        }
        if name == "item" {
            guard var finished = entry else { return }
            entry = nil
            if finished.content == nil { finished.content = itemDescription } else { finished.summary = itemDescription }
            finished.language = finished.language ?? channelLanguage
            deliver(finished.post(file: file, options: options), line: finished.line)
            return
        }
        guard parent == "item" else { return }
        let value = text.trimmingWhitespace()
        switch name {
        case "title": entry?.title = text
        case "link": entry?.link = value
        case "guid": entry?.id = value
        case "pubDate": entry?.published = PostDate.rfc822(value) ?? PostDate.loose(value)
        case "dc:date": if entry?.published == nil { entry?.published = PostDate.loose(value) }
        case "dc:creator", "author": if !value.isEmpty { entry?.authors.append(value) }
        case "category", "dc:subject": if !value.isEmpty { entry?.categories.append(value) }
        case "content:encoded": entry?.content = text
        case "description": itemDescription = text
        case "dc:language": entry?.language = value
        default: break
        }
    }
}
