import Foundation

/// Reads the scraped-WordPress text format of the user's own archive:
///
/// ```
/// - 19/06/2021
/// - Posted by: admin-iisg
/// - Category: Activities, International event
///
/// The Ministry of Interior in Slovenia hosted …
/// ```
///
/// Header lines start with `- `; the date is day/month/year. Optional headers: `- Title: …`,
/// `- Tags: a, b`, `- URL: …`, `- Language: …`, or a `# Title` line. Without a title the file
/// name gives one (`ministerial-meeting.txt` → "Ministerial meeting").
public enum SeedTextImporter {
    public static let fileExtensions: Set<String> = ["txt"]

    /// Parses one file's text. `id` is the path relative to the archive root.
    public static func parse(_ text: String, id: String, file: String) throws(ImportFailure) -> Post {
        var post = Post(id: id, title: "")
        // "\r\n" is one Character in Swift: split on every kind of line ending.
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0.isNewline })
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = first.dropFirst() }

        var index = 0
        var sawHeader = false
        while index < lines.count {
            let line = lines[index].trimmingCharacters(in: .whitespaces)
            if line.isEmpty {
                index += 1
                if sawHeader { break }
                continue
            }
            if line.hasPrefix("# "), post.title.isEmpty {
                post.title = String(line.dropFirst(2)).trimmingWhitespace()
                sawHeader = true
                index += 1
                continue
            }
            guard line.hasPrefix("- ") || line == "-" else { break }
            sawHeader = true
            try readHeader(String(line.dropFirst(1)).trimmingWhitespace(), into: &post, file: file, line: index + 1)
            index += 1
        }

        var bodyLines = lines[min(index, lines.count)...]
        if post.title.isEmpty, let first = bodyLines.first(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }),
           first.hasPrefix("# ") {
            post.title = String(first.dropFirst(2)).trimmingWhitespace()
            bodyLines = bodyLines.drop(while: { $0 != first }).dropFirst()
        }
        post.body = bodyLines.joined(separator: "\n").trimmingWhitespace()
        if post.title.isEmpty { post.title = titleFromFileName(file) }
        return post
    }

    private static func readHeader(_ header: String, into post: inout Post, file: String, line: Int) throws(ImportFailure) {
        if let colon = header.firstIndex(of: ":"), !header[..<colon].contains(where: \.isNumber) {
            let name = header[..<colon].lowercased().trimmingWhitespace()
            let value = String(header[header.index(after: colon)...]).trimmingWhitespace()
            switch name {
            case "posted by", "author", "by": post.authors = splitList(value)
            case "category", "categories": post.categories = splitList(value)
            case "tag", "tags": post.tags = splitList(value)
            case "title": post.title = value
            case "url", "link": post.url = value.isEmpty ? nil : value
            case "language", "lang": post.language = value.isEmpty ? nil : value
            case "date": post.date = try parseDate(value, file: file, line: line)
            default: break // unknown headers are kept out of the body, not fatal
            }
            return
        }
        post.date = try parseDate(header, file: file, line: line)
    }

    /// `DD/MM/YYYY` (day first); ISO `YYYY-MM-DD` is accepted too.
    static func parseDate(_ text: String, file: String, line: Int) throws(ImportFailure) -> PostDate {
        let parts = text.split(separator: "/")
        if parts.count == 3, let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]), parts[2].count == 4 {
            guard let date = PostDate(year: y, month: m, day: d) else {
                throw ImportFailure(file: file, line: line, reason: "no such date: \(text) (day/month/year)")
            }
            return date
        }
        if let date = PostDate(text) { return date }
        throw ImportFailure(file: file, line: line, reason: "unreadable date \"\(text)\": write DD/MM/YYYY")
    }

    static func splitList(_ value: String) -> [String] {
        value.split(separator: ",").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
    }

    /// `ministerial-meeting.txt` → "Ministerial meeting".
    static func titleFromFileName(_ path: String) -> String {
        var name = (path as NSString).lastPathComponent
        if let dot = name.lastIndex(of: "."), dot != name.startIndex { name = String(name[..<dot]) }
        let words = name.replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ")
            .split(separator: " ").joined(separator: " ")
        guard let first = words.first else { return name }
        return first.uppercased() + words.dropFirst()
    }
}
