/// A query in postsearch's language, parsed into a tree that `QueryBuilder` turns into a Xapian
/// query. The tree keeps the text as typed (with where it was typed), so that corrections and
/// highlights can refer to the reader's own words.
///
/// Precedence, lowest first, as in Xapian's QueryParser: `OR`, `XOR`, `AND` / `NOT`; words side
/// by side form a sequence (any may match; `+word` must, `-word` must not); `NEAR` and `ADJ`
/// bind neighbouring words.
struct ParsedQuery: Equatable {
    /// A word, several words joined by punctuation (`e-mail`, matched as a phrase), a "phrase" or
    /// a `prefix*`, in a field or in any.
    struct Text: Equatable {
        enum Kind: Equatable { case word, phrase, wildcard }
        var text: String
        var kind: Kind
        /// The field named before it (`title`, `author`, …), nil for any.
        var field: String?
        /// Where it was typed in the query (nil for a word the parser stood in for an operator).
        var range: Range<String.Index>?
    }

    struct Member: Equatable {
        var mark: QueryLexer.Mark
        var node: Node
    }

    indirect enum Node: Equatable {
        case text(Text)
        /// `author:novak`, `lang:fr`: a constraint on a field's values (a filter).
        case field(name: String, value: String)
        /// Words within `window` words of each other (`ordered`: in the order written).
        case near([Text], window: Int, ordered: Bool)
        /// Side by side: any may match, ranked by how many do; marked members must or must not.
        case sequence([Member])
        case and(Node, Node), or(Node, Node), xor(Node, Node), andNot(Node, Node)
        /// `NOT x` at the start: every post without x.
        case everythingBut(Node)
    }

    /// The query's tree; nil when it holds nothing to search for (empty, or only date filters).
    var root: Node?
    /// `date:` and `year:` filters: they apply to the whole query.
    var dates: [DateFilter] = []
    /// What the reader wrote that the grammar could not place (a dangling `AND`, an unmatched
    /// parenthesis); the query was read leniently around it.
    var problems: [String] = []

    /// Every text item of the tree, in the order written.
    var texts: [Text] {
        var found: [Text] = []
        func walk(_ node: Node) {
            switch node {
            case .text(let text): found.append(text)
            case .field: break
            case .near(let texts, _, _): found += texts
            case .sequence(let members): members.forEach { walk($0.node) }
            case .and(let a, let b), .or(let a, let b), .xor(let a, let b), .andNot(let a, let b): walk(a); walk(b)
            case .everythingBut(let node): walk(node)
            }
        }
        root.map(walk)
        return found
    }
}
