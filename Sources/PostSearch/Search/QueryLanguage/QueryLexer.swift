/// Splits query text into the pieces of the query language: words, "phrases", parentheses,
/// operators (AND OR XOR NOT NEAR ADJ, upper case only), `+`/`-` marks and `field:` names.
/// Anything it does not recognise is text: the lexer never fails.
struct QueryLexer {
    enum Mark: Equatable {
        case none
        /// `+word`: a post must have it.
        case required
        /// `-word`: a post must not have it.
        case excluded
    }

    enum Operator: Equatable {
        case and, or, xor, not
        /// `NEAR`, `NEAR/n` (within n words, any order) and `ADJ`, `ADJ/n` (in this order).
        case near(window: Int, ordered: Bool)
    }

    enum Lexeme: Equatable {
        case open(Mark, field: String?)
        case close
        case op(Operator)
        /// A word as typed (possibly several words joined by punctuation, or ending in `*`).
        case word(String, Mark, field: String?, range: Range<String.Index>)
        case phrase(String, Mark, field: String?, range: Range<String.Index>)
    }

    /// Words of the query language (`NEAR`'s default window is Xapian's: 10 words).
    static let defaultNearWindow = 10

    /// `knownFields` are the names a `name:` may start with; other colons are part of the text.
    static func lex(_ text: String, knownFields: Set<String>) -> [Lexeme] {
        var lexemes: [Lexeme] = []
        var index = text.startIndex
        func isBreak(_ character: Character) -> Bool { character.isWhitespace || "()\"".contains(character) }

        while index < text.endIndex {
            let character = text[index]
            if character.isWhitespace { index = text.index(after: index); continue }
            if character == ")" { lexemes.append(.close); index = text.index(after: index); continue }

            var mark = Mark.none
            if character == "+" || character == "-" {
                let next = text.index(after: index)
                guard next < text.endIndex, !text[next].isWhitespace, text[next] != "+", text[next] != "-", text[next] != ")" else {
                    index = next  // a lone + or - says nothing
                    continue
                }
                mark = character == "+" ? .required : .excluded
                index = next
            }

            // An optional `field:` before a word, a phrase or a group.
            var field: String?
            if let colon = text[index...].firstIndex(where: { $0 == ":" || isBreak($0) }), text[colon] == ":" {
                let name = text[index..<colon].lowercased()
                if knownFields.contains(name) {
                    field = name
                    index = text.index(after: colon)
                }
            }
            guard index < text.endIndex else {
                if let field { lexemes.append(.word("", mark, field: field, range: index..<index)) }
                break
            }

            switch text[index] {
            case "(":
                lexemes.append(.open(mark, field: field))
                index = text.index(after: index)
            case "\"":
                let start = text.index(after: index)
                let end = text[start...].firstIndex(of: "\"") ?? text.endIndex
                lexemes.append(.phrase(String(text[start..<end]), mark, field: field, range: start..<end))
                index = end < text.endIndex ? text.index(after: end) : end
            default:
                let start = index
                while index < text.endIndex, !isBreak(text[index]) { index = text.index(after: index) }
                let word = String(text[start..<index])
                if mark == .none, field == nil, let op = Self.operator(word) {
                    lexemes.append(.op(op))
                } else {
                    lexemes.append(.word(word, mark, field: field, range: start..<index))
                }
            }
        }
        return lexemes
    }

    private static func `operator`(_ word: String) -> Operator? {
        switch word {
        case "AND": return .and
        case "OR": return .or
        case "XOR": return .xor
        case "NOT": return .not
        default: break
        }
        let parts = word.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts[0] == "NEAR" || parts[0] == "ADJ" else { return nil }
        var window = defaultNearWindow
        if parts.count == 2 {
            guard let given = Int(parts[1]), given >= 1 else { return nil }
            window = min(given, 1000)
        }
        return .near(window: window, ordered: parts[0] == "ADJ")
    }
}
