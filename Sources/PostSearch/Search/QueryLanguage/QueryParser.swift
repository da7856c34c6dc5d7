/// Reads query text into a `ParsedQuery`. Lenient, as a search box must be: whatever the
/// grammar cannot place (a dangling `AND`, an unmatched parenthesis) is noted in `problems` and
/// read as well as it can be, so a query never fails to parse.
struct QueryParser {
    /// Fields whose values are filters (`author:`, `lang:`): the rest of `queryFields` are words in a field.
    let filterFields: Set<String>
    /// Every name a `name:` may start with, aliases included, and `date`, `year`.
    let knownFields: Set<String>
    /// The canonical name of each known field name (`lang` → `language`).
    private let canonical: [String: String]

    init(schema: IndexSchema = .builtIn) {
        var canonical: [String: String] = ["date": "date", "year": "year"]
        for field in schema.queryFields {
            canonical[field.name] = field.name
            for alias in field.aliases { canonical[alias] = field.name }
        }
        self.canonical = canonical
        knownFields = Set(canonical.keys)
        filterFields = Set(schema.queryFields.filter { $0.flags.contains(.filter) }.map(\.name))
    }

    /// The parsed query; throws only for a `date:` or `year:` filter that is not a date.
    func parse(_ text: String) throws -> ParsedQuery {
        var state = State(lexemes: QueryLexer.lex(text, knownFields: knownFields), parser: self)
        var query = ParsedQuery()
        query.root = state.expression(field: nil)
        while state.index < state.lexemes.count {
            // Only an unmatched ")" stops an expression early: note it and read on.
            state.problems.append("unmatched \")\"")
            state.index += 1
            if let more = state.expression(field: nil) {
                query.root = query.root.map { .sequence([.init(mark: .none, node: $0), .init(mark: .none, node: more)]) } ?? more
            }
        }
        if let dateError = state.dateError { throw dateError }
        query.dates = state.dates
        query.problems = state.problems
        return query
    }

    /// A recursive-descent reader over the lexemes.
    private struct State {
        let lexemes: [QueryLexer.Lexeme]
        let parser: QueryParser
        var index = 0
        var dates: [DateFilter] = []
        var problems: [String] = []
        var dateError: Error?

        init(lexemes: [QueryLexer.Lexeme], parser: QueryParser) {
            self.lexemes = lexemes
            self.parser = parser
        }

        var next: QueryLexer.Lexeme? { index < lexemes.count ? lexemes[index] : nil }

        /// OR, the loosest.
        mutating func expression(field: String?) -> ParsedQuery.Node? {
            binary(field: field, level: 0)
        }

        /// Levels: 0 OR, 1 XOR, 2 AND and NOT, 3 a sequence.
        private mutating func binary(field: String?, level: Int) -> ParsedQuery.Node? {
            if level == 3 { return sequenceOrNot(field: field) }
            var left = binary(field: field, level: level + 1)
            while case .op(let op)? = next, Self.level(of: op) == level {
                index += 1
                var op = op
                // `a AND NOT b` means `a NOT b`.
                if op == .and, case .op(.not)? = next { index += 1; op = .not }
                let right = binary(field: field, level: level + 1)
                switch (left, right) {
                case (let l?, let r?):
                    switch op {
                    case .or: left = .or(l, r)
                    case .xor: left = .xor(l, r)
                    case .and: left = .and(l, r)
                    default: left = .andNot(l, r)
                    }
                case (nil, let r?):
                    // `NOT b` alone means every post without b; `AND b` with nothing before, b.
                    if op == .not { left = .everythingBut(r) } else { problems.append("\(Self.name(op)) needs a query before it"); left = r }
                default:
                    problems.append("\(Self.name(op)) needs a query after it")
                }
            }
            return left
        }

        private static func level(of op: QueryLexer.Operator) -> Int? {
            switch op {
            case .or: 0
            case .xor: 1
            case .and, .not: 2
            case .near: nil
            }
        }

        private static func name(_ op: QueryLexer.Operator) -> String {
            switch op {
            case .or: "OR"
            case .xor: "XOR"
            case .and: "AND"
            case .not: "NOT"
            case .near(_, let ordered): ordered ? "ADJ" : "NEAR"
            }
        }

        /// A leading `NOT x` (every post without x), or a sequence.
        private mutating func sequenceOrNot(field: String?) -> ParsedQuery.Node? {
            if case .op(.not)? = next, index == 0 || Self.startsOperand(lexemes[index - 1]) {
                index += 1
                guard let operand = sequenceOrNot(field: field) else {
                    problems.append("NOT needs a query after it")
                    return nil
                }
                return .everythingBut(operand)
            }
            return sequence(field: field)
        }

        /// Whether a lexeme leaves the parser expecting the start of an operand.
        private static func startsOperand(_ lexeme: QueryLexer.Lexeme) -> Bool {
            switch lexeme {
            case .open, .op: true
            default: false
            }
        }

        /// Members side by side, up to an operator, a ")" or the end.
        private mutating func sequence(field: String?) -> ParsedQuery.Node? {
            var members: [ParsedQuery.Member] = []
            loop: while let lexeme = next {
                switch lexeme {
                case .close: break loop
                case .op(.near):
                    // NEAR with no word before it is just the word "near".
                    index += 1
                    members.append(.init(mark: .none, node: .text(.init(text: "near", kind: .word, field: field, range: nil))))
                case .op: break loop
                case .open(let mark, let groupField):
                    index += 1
                    let inner = expression(field: groupField.map { parser.canonical[$0] ?? $0 } ?? field)
                    if case .close? = next { index += 1 } else { problems.append("unmatched \"(\"") }
                    if let inner { members.append(.init(mark: mark, node: inner)) }
                case .word(_, let mark, _, _), .phrase(_, let mark, _, _):
                    index += 1
                    guard var node = item(lexeme, field: field) else { continue }
                    node = nearChain(startingWith: node, field: field)
                    members.append(.init(mark: mark, node: node))
                }
            }
            switch members.count {
            case 0: return nil
            case 1 where members[0].mark == .none: return members[0].node
            default: return .sequence(members)
            }
        }

        /// `a NEAR b ADJ/3 c`: words joined while NEAR/ADJ operators follow.
        private mutating func nearChain(startingWith first: ParsedQuery.Node, field: String?) -> ParsedQuery.Node {
            guard case .text(let head) = first, head.kind == .word else { return first }
            var texts = [head]
            var window = 0, ordered = false
            while case .op(.near(let size, let isOrdered))? = next, index + 1 < lexemes.count,
                  case .word(_, .none, _, _) = lexemes[index + 1],
                  case .text(let text)? = item(lexemes[index + 1], field: field), text.kind == .word {
                index += 2
                texts.append(text)
                window = max(window, size)
                ordered = ordered || isOrdered
            }
            guard texts.count > 1 else { return first }
            // Xapian's window counts the words themselves too.
            return .near(texts, window: window + texts.count - 1, ordered: ordered)
        }

        /// One word or phrase as a node: text, a field constraint, or (date:, year:) a date filter.
        private mutating func item(_ lexeme: QueryLexer.Lexeme, field outer: String?) -> ParsedQuery.Node? {
            let (raw, named, range, quoted): (String, String?, Range<String.Index>, Bool)
            switch lexeme {
            case .word(let text, _, let field, let where_): (raw, named, range, quoted) = (text, field, where_, false)
            case .phrase(let text, _, let field, let where_): (raw, named, range, quoted) = (text, field, where_, true)
            default: return nil
            }
            let field = named.map { parser.canonical[$0] ?? $0 } ?? outer
            if field == "date" || field == "year", !quoted || named != nil {
                do {
                    dates.append(try DateFilter(field: field!, value: raw, written: "\(named ?? field!):\(raw)"))
                } catch {
                    dateError = dateError ?? error
                }
                return nil
            }
            guard !raw.trimmingWhitespace().isEmpty else { return nil }
            if let field, parser.filterFields.contains(field), !(raw.hasSuffix("*") && !quoted) {
                return .field(name: field, value: raw)
            }
            let kind: ParsedQuery.Text.Kind = quoted ? .phrase : raw.count > 1 && raw.hasSuffix("*") ? .wildcard : .word
            let text = kind == .wildcard ? String(raw.dropLast()) : raw
            return .text(.init(text: text, kind: kind, field: field, range: range))
        }
    }
}
