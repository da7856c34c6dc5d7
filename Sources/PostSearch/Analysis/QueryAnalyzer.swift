/// Turns a piece of query text into terms exactly as the indexer turns a post's text into
/// terms: accent folding (`TextFolding`), then Xapian's TermGenerator (lower case, word
/// boundaries, `C++`, `don't`, acronyms, CJK n-grams), unstemmed. Using the indexer's own
/// tokenizer, rather than a second one written here, keeps query terms and index terms equal.
final class QueryAnalyzer {
    /// One unit of query text.
    enum Token: Equatable {
        /// A word, folded and lower-cased as the index holds it.
        case word(String)
        /// A run of CJK characters (one or more), as the index holds each one.
        case cjk([String])

        /// The index's unstemmed terms for it, in order (a CJK run's characters).
        var terms: [String] {
            switch self {
            case .word(let word): [word]
            case .cjk(let characters): characters
            }
        }
    }

    private let generator: XapianTermGenerator
    /// Recent answers: a query's words are asked about more than once while it is built.
    private var recent: [String: [Token]] = [:]

    init() throws {
        generator = try XapianTermGenerator(language: "none", strategy: .none)
    }

    /// The tokens of `text`, in order.
    func tokens(of text: String) throws -> [Token] {
        if let known = recent[text] { return known }
        let tokens = try analyse(text)
        if recent.count >= 1_000 { recent.removeAll(keepingCapacity: true) }
        recent[text] = tokens
        return tokens
    }

    private func analyse(_ text: String) throws -> [Token] {
        let terms = try generator.terms(of: TextFolding.fold(text))
        let placed = terms.filter { $0.position > 0 }
        let pairs = Set(terms.filter { $0.position == 0 }.map(\.term))
        var tokens: [Token] = []
        var run: [String] = []
        var last = 0
        func flush() {
            if run.count == 1, !CJK.isCJK(run[0]) { tokens.append(.word(run[0])) } else if !run.isEmpty { tokens.append(.cjk(run)) }
            run = []
        }
        for (term, position) in placed {
            // A character continues a CJK run when the index holds the pair it makes with the last one.
            if let previous = run.last, position == last + 1, pairs.contains(previous + term) {
                run.append(term)
            } else {
                flush()
                run = [term]
            }
            last = position
        }
        flush()
        return tokens
    }
}
