import Foundation

/// Reads JSON Lines (`.jsonl`, `.ndjson`): one post object a line, streamed with bounded memory.
///
/// Keys: `id`, `title`, `date` (ISO 8601 date or date-time), `author` or `authors`, `category`
/// or `categories`, `tags`, `body`, `url`, `lang` (or `language`), `excerpt`, `image`, `fields`
/// (an object of string lists) and `blocks` (`[["p", 0, 12], …]`, UTF-16 offsets into `body`), so
/// that `postsearch export` output reads back as it was. Lists may be given as a JSON array or a
/// single string. A line that is not such an object is reported with its number and
/// skipped. A post without `id` takes its `url` as id.
public enum JSONLinesImporter {
    public static let fileExtensions: Set<String> = ["jsonl", "ndjson"]
    /// Longer lines are reported and skipped rather than parsed.
    public static let maxLineBytes = 64 << 20

    /// Calls `handle` with each post or failure of the file, in order, and its line number.
    public static func read(file: String, handle: (Result<Post, ImportFailure>, Int) throws -> Void) throws {
        guard let reader = LineReader(path: file) else {
            try handle(.failure(ImportFailure(file: file, reason: "cannot open the file")), 0)
            return
        }
        while let line = reader.next() {
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            if line.count > maxLineBytes {
                try handle(.failure(ImportFailure(file: file, line: reader.lineNumber, reason: "line longer than \(maxLineBytes) bytes")), reader.lineNumber)
                continue
            }
            do {
                try handle(.success(try parse(line: Data(line), file: file, lineNumber: reader.lineNumber)), reader.lineNumber)
            } catch let failure as ImportFailure {
                try handle(.failure(failure), reader.lineNumber)
            }
        }
    }

    /// The same, from bytes in memory (a file inside a tar archive).
    public static func read(data: Data, file: String, handle: (Result<Post, ImportFailure>, Int) throws -> Void) throws {
        var lineNumber = 0
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = line
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            do {
                try handle(.success(try parse(line: Data(line), file: file, lineNumber: lineNumber)), lineNumber)
            } catch let failure as ImportFailure {
                try handle(.failure(failure), lineNumber)
            }
        }
    }

    /// Parses one line of JSON into a post.
    public static func parse(line: Data, file: String, lineNumber: Int) throws(ImportFailure) -> Post {
        func fail(_ reason: String) -> ImportFailure { ImportFailure(file: file, line: lineNumber, reason: reason) }
        let object: [String: Any]
        do {
            guard let parsed = try JSONSerialization.jsonObject(with: line, options: []) as? [String: Any] else {
                throw fail("expected a JSON object")
            }
            object = parsed
        } catch let failure as ImportFailure {
            throw failure
        } catch {
            throw fail("invalid JSON (\(describe(error)))")
        }

        func text(_ key: String) throws(ImportFailure) -> String? {
            switch object[key] {
            case nil, is NSNull: return nil
            case let value as String: return value
            case let value as NSNumber: return value.stringValue
            default: throw fail("\"\(key)\" must be a string")
            }
        }
        func list(_ keys: String...) throws(ImportFailure) -> [String] {
            for key in keys {
                switch object[key] {
                case nil, is NSNull: continue
                case let value as String: return value.isEmpty ? [] : [value.trimmingWhitespace()]
                case let values as [Any]:
                    var result: [String] = []
                    for value in values {
                        guard let string = value as? String else { throw fail("\"\(key)\" must hold strings") }
                        let trimmed = string.trimmingWhitespace()
                        if !trimmed.isEmpty { result.append(trimmed) }
                    }
                    return result
                default: throw fail("\"\(key)\" must be a string or a list of strings")
                }
            }
            return []
        }

        let url = try text("url")
        var id = try text("id")
        if id == nil || id!.isEmpty { id = url }
        guard let id, !id.isEmpty else { throw fail("missing \"id\" (and no \"url\" to use instead)") }
        var date: PostDate?
        if let dateText = try text("date"), !dateText.isEmpty {
            guard let parsed = PostDate(dateText) else {
                throw fail("unreadable \"date\" \"\(dateText)\": write an ISO 8601 date (2021-06-19) or date-time")
            }
            date = parsed
        }
        var language = try text("lang")
        if language == nil { language = try text("language") }
        let body = try text("body") ?? ""
        return Post(
            id: id,
            title: try text("title") ?? "",
            date: date,
            authors: try list("authors", "author"),
            categories: try list("categories", "category"),
            tags: try list("tags", "tag"),
            body: body,
            url: url,
            language: language,
            excerpt: try text("excerpt"),
            image: try text("image"),
            fields: try fields(object["fields"], fail: fail),
            blocks: try blocks(object["blocks"], bodyLength: body.utf16.count, fail: fail)
        )
    }

    /// `{"series": ["A"], "mood": "calm"}`: each value a string or a list of strings.
    private static func fields(_ value: Any?, fail: (String) -> ImportFailure) throws(ImportFailure) -> [String: [String]] {
        switch value {
        case nil, is NSNull: return [:]
        case let object as [String: Any]:
            var fields: [String: [String]] = [:]
            for (name, value) in object {
                switch value {
                case let text as String: fields[name] = [text]
                case let list as [Any]:
                    guard let texts = list as? [String] else { throw fail("\"fields\".\"\(name)\" must hold strings") }
                    fields[name] = texts
                default: throw fail("\"fields\".\"\(name)\" must be a string or a list of strings")
                }
            }
            return fields
        default: throw fail("\"fields\" must be an object")
        }
    }

    /// `[["h2", 0, 15], ["p", 17, 300]]`, each block within the body.
    private static func blocks(_ value: Any?, bodyLength: Int, fail: (String) -> ImportFailure) throws(ImportFailure) -> [PostBlock] {
        switch value {
        case nil, is NSNull: return []
        case let list as [Any]:
            return try list.map { item throws(ImportFailure) in
                guard let triple = item as? [Any], triple.count == 3, let name = triple[0] as? String,
                      let kind = PostBlock.Kind(rawValue: name), let start = (triple[1] as? NSNumber)?.intValue,
                      let end = (triple[2] as? NSNumber)?.intValue else {
                    throw fail("\"blocks\" must hold [kind, start, end] arrays, kind one of \(PostBlock.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                guard start >= 0, start <= end, end <= bodyLength else {
                    throw fail("block [\"\(name)\", \(start), \(end)] lies outside the body (\(bodyLength) UTF-16 code units)")
                }
                return PostBlock(kind: kind, start: start, end: end)
            }
        default: throw fail("\"blocks\" must be an array")
        }
    }

    private static func describe(_ error: Error) -> String {
        let nsError = error as NSError
        if let detail = nsError.userInfo[NSDebugDescriptionErrorKey] as? String { return detail }
        return nsError.localizedDescription
    }
}
