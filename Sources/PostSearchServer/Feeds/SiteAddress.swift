import Hummingbird

/// Where readers reach the server, for the absolute links a feed or an OpenSearch description must
/// hold: `--public-url` when given (behind a proxy, with HTTPS), else `http://` and the request's
/// Host (checked to be a plain host and port), else the address the server listens on.
struct SiteAddress: Sendable {
    /// `https://search.example.org` or `http://127.0.0.1:8080`, without a trailing slash.
    let base: String

    init(request: Request, configuration: ServerConfiguration) {
        if let publicURL = configuration.publicURL {
            base = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
        } else if let host = request.head.authority, Self.isPlainHost(host) {
            base = "http://" + host
        } else {
            base = "http://\(configuration.host):\(configuration.port)"
        }
    }

    /// The search page showing `queryString`'s search.
    func page(queryString: String) -> String { base + "/" + (queryString.isEmpty ? "" : "?" + queryString) }

    /// The page's view of one post.
    func postView(id: String) -> String { base + "/?post=" + Self.formEncoded(id) }

    /// `search.example.org`, `127.0.0.1:8080`, `[::1]:8080`: letters, digits and `.-:[]` only.
    static func isPlainHost(_ host: String) -> Bool {
        !host.isEmpty && host.utf8.count <= 255 && host.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || ".-:[]".unicodeScalars.contains($0)
        }
    }

    /// A query-string value: everything but `A-Z a-z 0-9 - . _ ~` percent-encoded (UTF-8).
    static func formEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                out += "%"
                out.unicodeScalars.append(hex[Int(byte >> 4)])
                out.unicodeScalars.append(hex[Int(byte & 0xF)])
            }
        }
        return out
    }
}
