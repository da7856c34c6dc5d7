import TOMLKit
import Yams

/// The metadata block at the top of a Markdown post: YAML between `---` lines, or TOML between
/// `+++` lines, read with real parsers (Yams, TOMLKit). Keys are matched without regard to case.
struct FrontMatter {
    indirect enum Value {
        case text(String)
        case list([Value])
        case table([String: Value])

        var text: String? {
            if case .text(let value) = self { return value }
            return nil
        }
    }

    enum Syntax { case yaml, toml }

    private(set) var fields: [String: Value] = [:]
    let syntax: Syntax?
    /// What had to be forgiven to read it (a repeated key).
    private(set) var warnings: [String] = []

    /// Splits `source` into front matter and body; `bodyLine` is the 1-based line the body starts on.
    static func split(_ source: String) -> (header: String?, syntax: Syntax?, body: Substring, bodyLine: Int) {
        let lines = source.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        guard let first = lines.first?.trimmingCharacters(in: .whitespaces) else { return (nil, nil, Substring(source), 1) }
        // Three or more dashes (one real post opens with six), or three plus signs.
        let syntax: Syntax
        let isDelimiter: (Substring) -> Bool
        if first.count >= 3, first.allSatisfy({ $0 == "-" }) {
            syntax = .yaml
            isDelimiter = { line in let t = line.trimmingCharacters(in: .whitespaces); return t.count >= 3 && t.allSatisfy { $0 == "-" } }
        } else if first == "+++" {
            syntax = .toml
            isDelimiter = { $0.trimmingCharacters(in: .whitespaces) == "+++" }
        } else {
            return (nil, nil, Substring(source), 1)
        }
        guard let end = lines.dropFirst().firstIndex(where: isDelimiter) else { return (nil, nil, Substring(source), 1) }
        let header = lines[1..<end].joined(separator: "\n")
        let body = lines[(end + 1)...].joined(separator: "\n")
        return (header, syntax, Substring(body), end + 2)
    }

    init(parsing header: String, syntax: Syntax) throws {
        self.syntax = syntax
        switch syntax {
        case .yaml:
            let node: Node?
            do {
                node = try Yams.compose(yaml: header)
            } catch where "\(error)".contains("duplicated key") {
                // Real posts repeat a key by mistake; the first one wins, as in most blog engines.
                let (deduplicated, repeated) = Self.droppingRepeatedKeys(header)
                node = try Yams.compose(yaml: deduplicated)
                warnings.append("front matter repeats \(repeated.joined(separator: ", ")); the first is used")
            }
            guard let node else { return }
            var budget = Self.maxValues
            guard case .table(let table) = try Self.value(of: node, budget: &budget) else {
                throw FrontMatterError(message: "the YAML front matter is not a mapping of keys to values")
            }
            fields = table
        case .toml:
            if let refusal = TOMLGuard.refusal(of: header) { throw FrontMatterError(message: refusal) }
            fields = Self.value(of: try TOMLTable(string: header))
        }
    }

    init() { syntax = nil }

    struct FrontMatterError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    /// Removes the second and later top-level entries of a repeated key (with their indented lines).
    private static func droppingRepeatedKeys(_ yaml: String) -> (String, [String]) {
        var seen: Set<String> = [], repeated: [String] = []
        var kept: [Substring] = []
        var skipping = false
        for line in yaml.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let topLevel = !(line.first?.isWhitespace ?? true) && !line.hasPrefix("-") && !line.hasPrefix("#")
            if topLevel, let colon = line.firstIndex(of: ":") {
                let key = String(line[..<colon]).trimmingWhitespace()
                skipping = !seen.insert(key).inserted
                if skipping { repeated.append(key) }
            } else if topLevel {
                skipping = false
            }
            if !skipping { kept.append(line) }
        }
        return (kept.joined(separator: "\n"), repeated)
    }

    // MARK: - Reading

    /// The first of `keys` present, as text.
    func string(_ keys: String...) -> String? {
        for key in keys {
            if let value = fields[key.lowercased()] {
                switch value {
                case .text(let text): return text.trimmingWhitespace().isEmpty ? nil : text.trimmingWhitespace()
                case .list(let items): if let first = items.first?.text { return first }
                case .table: continue
                }
            }
        }
        return nil
    }

    /// The first of `keys` present, as a list of texts (a single text is a one-item list; an inline
    /// `[a, b]` written as text is split).
    func list(_ keys: String...) -> [String] {
        for key in keys {
            guard let value = fields[key.lowercased()] else { continue }
            switch value {
            case .list(let items): return items.compactMap(\.text).map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
            case .text(let text):
                var trimmed = text.trimmingWhitespace()
                if trimmed.hasPrefix("["), trimmed.hasSuffix("]") { trimmed = String(trimmed.dropFirst().dropLast()) }
                if trimmed.isEmpty { return [] }
                return trimmed.contains(",") ? trimmed.split(separator: ",").map { String($0).trimmingWhitespace() } : [trimmed]
            case .table: continue
            }
        }
        return []
    }

    /// The front matter's table under `key` (Zola's `[taxonomies]`, Hugo's `[params]`), as front matter.
    func table(_ key: String) -> FrontMatter? {
        guard case .table(let table) = fields[key.lowercased()] else { return nil }
        var nested = FrontMatter()
        nested.fields = table
        return nested
    }

    /// Every text under `key`, however written: a text, a list, or (for `cover: {image: …}`) the
    /// texts of a table's values.
    func texts(_ key: String) -> [String] {
        func flatten(_ value: Value) -> [String] {
            switch value {
            case .text(let text): let trimmed = text.trimmingWhitespace(); return trimmed.isEmpty ? [] : [trimmed]
            case .list(let items): return items.flatMap(flatten)
            case .table(let table): return table.keys.sorted().flatMap { flatten(table[$0]!) }
            }
        }
        return fields[key.lowercased()].map(flatten) ?? []
    }

    func bool(_ key: String) -> Bool {
        guard let text = string(key)?.lowercased() else { return false }
        return ["true", "yes", "on", "1"].contains(text)
    }

    var keys: Set<String> { Set(fields.keys) }

    // MARK: - Conversion

    /// Values a YAML header may expand to. YAML aliases share nodes, so a few lines can stand for
    /// billions of values (the "billion laughs" of YAML); no real front matter comes near this.
    static let maxValues = 100_000

    private static func value(of node: Node, budget: inout Int) throws -> Value {
        budget -= 1
        if budget < 0 {
            throw FrontMatterError(message: "the YAML front matter expands to more than \(maxValues) values (nested aliases?); refused")
        }
        switch node {
        case .scalar(let scalar): return .text(scalar.string)
        case .sequence(let sequence): return .list(try sequence.map { try value(of: $0, budget: &budget) })
        case .mapping(let mapping):
            var table: [String: Value] = [:]
            for (key, value) in mapping {
                if let name = key.scalar?.string.lowercased(), table[name] == nil { table[name] = try Self.value(of: value, budget: &budget) }
            }
            return .table(table)
        case .alias: return .text("")
        }
    }

    private static func value(of table: TOMLTable) -> [String: Value] {
        var fields: [String: Value] = [:]
        for key in table.keys {
            if let value = table[key] { fields[key.lowercased()] = Self.value(of: value.tomlValue) }
        }
        return fields
    }

    private static func value(of value: TOMLValue) -> Value {
        switch value.type {
        case .table: return .table(value.table.map { Self.value(of: $0) } ?? [:])
        case .array: return .list(value.array.map { array in array.map { Self.value(of: $0.tomlValue) } } ?? [])
        case .string: return .text(value.string ?? "")
        default: return .text(value.debugDescription)
        }
    }
}
