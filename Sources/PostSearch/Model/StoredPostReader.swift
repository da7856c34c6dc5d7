/// Reads a post back from the JSON that `Post.writeJSON` stores as its document data. Every hit
/// of every search decodes one; Foundation's JSONDecoder builds a generic tree and goes through
/// Codable, several times the cost of this one pass over the bytes. JSON this reader does not
/// expect (another shape, a bad escape) gives nil, and the caller falls back to JSONDecoder.
enum StoredPostReader {
    static func read(_ bytes: [UInt8]) -> Post? {
        bytes.withUnsafeBufferPointer { buffer in
            var parser = Parser(bytes: buffer)
            return parser.post()
        }
    }

    private struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        mutating func post() -> Post? {
            var id: String?, title = "", date: PostDate?, authors: [String] = [], categories: [String] = []
            var tags: [String] = [], body = "", url: String?, language: String?
            var excerpt: String?, image: String?, fields: [String: [String]] = [:], blocks: [PostBlock] = []
            guard take(UInt8(ascii: "{")) else { return nil }
            if !take(UInt8(ascii: "}")) {
                repeat {
                    guard let key = string(), take(UInt8(ascii: ":")) else { return nil }
                    switch key {
                    case "id": guard let value = string() else { return nil }; id = value
                    case "title": guard let value = string() else { return nil }; title = value
                    case "body": guard let value = string() else { return nil }; body = value
                    case "authors": guard let value = strings() else { return nil }; authors = value
                    case "categories": guard let value = strings() else { return nil }; categories = value
                    case "tags": guard let value = strings() else { return nil }; tags = value
                    case "url": guard let value = optionalString() else { return nil }; url = value
                    case "language": guard let value = optionalString() else { return nil }; language = value
                    case "excerpt": guard let value = optionalString() else { return nil }; excerpt = value
                    case "image": guard let value = optionalString() else { return nil }; image = value
                    case "fields": guard let value = stringLists() else { return nil }; fields = value
                    case "blocks": guard let value = blockList() else { return nil }; blocks = value
                    case "date":
                        guard let value = optionalString() else { return nil }
                        if let text = value {
                            guard let parsed = PostDate(text) else { return nil }
                            date = parsed
                        }
                    default: return nil
                    }
                } while take(UInt8(ascii: ","))
                guard take(UInt8(ascii: "}")) else { return nil }
            }
            skipSpace()
            guard index == bytes.count, let id else { return nil }
            return Post(id: id, title: title, date: date, authors: authors, categories: categories, tags: tags,
                        body: body, url: url, language: language, excerpt: excerpt, image: image, fields: fields, blocks: blocks)
        }

        mutating func skipSpace() {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 {
                index += 1
            }
        }

        /// Skips white space, then consumes `byte` if it comes next.
        mutating func take(_ byte: UInt8) -> Bool {
            skipSpace()
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        /// A string, or `.some(nil)` for `null`; nil when neither comes next.
        mutating func optionalString() -> String?? {
            skipSpace()
            if bytes.count - index >= 4, bytes[index] == UInt8(ascii: "n"), bytes[index + 1] == UInt8(ascii: "u"),
               bytes[index + 2] == UInt8(ascii: "l"), bytes[index + 3] == UInt8(ascii: "l") {
                index += 4
                return .some(nil)
            }
            return string().map { .some($0) }
        }

        /// An array of strings.
        mutating func strings() -> [String]? {
            guard take(UInt8(ascii: "[")) else { return nil }
            var values: [String] = []
            if take(UInt8(ascii: "]")) { return values }
            repeat {
                guard let value = string() else { return nil }
                values.append(value)
            } while take(UInt8(ascii: ","))
            return take(UInt8(ascii: "]")) ? values : nil
        }

        /// An object whose values are arrays of strings (the custom fields).
        mutating func stringLists() -> [String: [String]]? {
            guard take(UInt8(ascii: "{")) else { return nil }
            var lists: [String: [String]] = [:]
            if take(UInt8(ascii: "}")) { return lists }
            repeat {
                guard let name = string(), take(UInt8(ascii: ":")), let values = strings() else { return nil }
                lists[name] = values
            } while take(UInt8(ascii: ","))
            return take(UInt8(ascii: "}")) ? lists : nil
        }

        /// An array of `[kind, start, end]` arrays.
        mutating func blockList() -> [PostBlock]? {
            guard take(UInt8(ascii: "[")) else { return nil }
            var blocks: [PostBlock] = []
            if take(UInt8(ascii: "]")) { return blocks }
            repeat {
                guard take(UInt8(ascii: "[")), let name = string(), let kind = PostBlock.Kind(rawValue: name),
                      take(UInt8(ascii: ",")), let start = integer(), take(UInt8(ascii: ",")), let end = integer(),
                      take(UInt8(ascii: "]")), end >= start else { return nil }
                blocks.append(PostBlock(kind: kind, start: start, end: end))
            } while take(UInt8(ascii: ","))
            return take(UInt8(ascii: "]")) ? blocks : nil
        }

        /// A non-negative integer of at most 15 digits.
        mutating func integer() -> Int? {
            skipSpace()
            let start = index
            var value = 0
            while index < bytes.count, index - start < 15, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
                index += 1
            }
            return index > start ? value : nil
        }

        /// A string: runs between escapes are copied whole.
        mutating func string() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            var run = index
            var unescaped: [UInt8] = []  // stays empty until an escape (each adds a byte or more)
            while true {
                while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") { index += 1 }
                guard index < bytes.count else { return nil }
                if bytes[index] == UInt8(ascii: "\"") {
                    index += 1
                    if unescaped.isEmpty { return String(decoding: UnsafeBufferPointer(rebasing: bytes[run..<index - 1]), as: UTF8.self) }
                    unescaped.append(contentsOf: bytes[run..<index - 1])
                    return String(decoding: unescaped, as: UTF8.self)
                }
                unescaped.append(contentsOf: bytes[run..<index])
                index += 1
                guard index < bytes.count else { return nil }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): unescaped.append(escape)
                case UInt8(ascii: "n"): unescaped.append(0x0A)
                case UInt8(ascii: "r"): unescaped.append(0x0D)
                case UInt8(ascii: "t"): unescaped.append(0x09)
                case UInt8(ascii: "b"): unescaped.append(0x08)
                case UInt8(ascii: "f"): unescaped.append(0x0C)
                case UInt8(ascii: "u"):
                    guard var code = hex4() else { return nil }
                    if code >= 0xD800, code < 0xDC00 {
                        // A high surrogate: its low half must follow as another \u escape.
                        guard bytes.count - index >= 6, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else { return nil }
                        index += 2
                        guard let low = hex4(), low >= 0xDC00, low < 0xE000 else { return nil }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { return nil }
                    unescaped.append(contentsOf: String(Character(scalar)).utf8)
                default: return nil
                }
                run = index
            }
        }

        mutating func hex4() -> UInt32? {
            guard bytes.count - index >= 4 else { return nil }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                index += 1
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: return nil
                }
                value = value << 4 | UInt32(digit)
            }
            return value
        }
    }
}
