/// `GET /opensearch.xml`: the OpenSearch 1.1 description browsers read to add the site's search
/// (the page links it with `<link rel="search">`). Its templates point at the page, the JSON
/// search and the Atom feed.
enum OpenSearchDescription {
    static let namespace = "http://a9.com/-/spec/opensearch/1.1/"
    static let contentType = "application/opensearchdescription+xml"

    static func xml(title: String, site: SiteAddress) -> String {
        var xml = XMLWriter()
        xml.start("OpenSearchDescription", ["xmlns": namespace])
        // ShortName: at most 16 characters (the specification's limit).
        xml.element("ShortName", text: String(title.prefix(16)))
        xml.element("Description", text: "Search the posts of \(title).")
        xml.element("InputEncoding", text: "UTF-8")
        xml.element("OutputEncoding", text: "UTF-8")
        xml.element("Image", ["width": "16", "height": "16", "type": "image/x-icon"], text: site.base + "/favicon.ico")
        // offset is 0-based: indexOffset says so. An optional parameter left blank is no parameter.
        xml.element("Url", ["type": "text/html", "method": "get", "template": site.base + "/?q={searchTerms}"])
        xml.element("Url", ["type": "application/json", "indexOffset": "0",
                            "template": site.base + "/search?q={searchTerms}&offset={startIndex?}&limit={count?}"])
        xml.element("Url", ["type": "application/atom+xml", "indexOffset": "0",
                            "template": site.base + "/search.atom?q={searchTerms}&offset={startIndex?}&limit={count?}"])
        xml.element("Url", ["type": contentType, "rel": "self", "template": site.base + "/opensearch.xml"])
        xml.end()
        return xml.string
    }
}
