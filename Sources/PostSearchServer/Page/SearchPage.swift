/// The search page served at `/`, shipped inside the binary: no CDN, no build step, nothing
/// fetched from elsewhere. Its parts live beside this file: `PageHTML` (the document),
/// `PageStyle` (app.css), `PageScript*` (app.js, one file per feature, joined in order),
/// `WidgetScript` (widget.js, for other sites' pages) and `Favicon`.
struct SearchPage: Sendable {
    struct Asset: Sendable {
        let contentType: String
        let body: [UInt8]
        /// Files that never change while the server runs (the icon) may be kept a day.
        var cacheControl = "no-cache"
    }

    /// Path → asset, for a site named `title` (`serve --title`).
    let assets: [String: Asset]

    init(title: String) {
        assets = [
            "/": Asset(contentType: "text/html; charset=utf-8", body: Array(PageHTML.document(title: title).utf8)),
            "/app.css": Asset(contentType: "text/css; charset=utf-8", body: Array(PageStyle.css.utf8)),
            "/app.js": Asset(contentType: "text/javascript; charset=utf-8", body: Array(PageScript.javascript.utf8)),
            "/widget.js": Asset(contentType: "text/javascript; charset=utf-8", body: Array(WidgetScript.javascript.utf8)),
            "/favicon.ico": Asset(contentType: Favicon.contentType, body: Favicon.bytes, cacheControl: "public, max-age=86400"),
        ]
    }
}

/// app.js: the page's script, its parts in the order they must run.
enum PageScript {
    static let javascript = [core, marks, results, filters, post, boot].joined(separator: "\n")
}
