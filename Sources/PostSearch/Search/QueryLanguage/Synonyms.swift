/// A synonyms file, as Solr and Elasticsearch read them, kept in the index (`postsearch
/// synonyms set FILE`) and expanded into each query by postsearch itself, so that it works the
/// same over remote shards:
///
/// ```
/// # two-way: any of them finds all of them
/// nato, north atlantic treaty organization
/// car, automobile, motorcar
/// # one-way: the left finds the right too, not the reverse
/// ipod => ipod, mp3 player
/// ```
struct Synonyms: Equatable {
    /// Each key (its words as the index holds them, joined by a space) and what it also finds.
    private(set) var expansions: [String: [[String]]] = [:]
    /// The most words a key has.
    private(set) var longestKey = 0

    var isEmpty: Bool { expansions.isEmpty }

    static let empty = Synonyms()

    /// Reads a synonyms file; a malformed line is an error naming it.
    init(parsing text: String, analyzer: QueryAnalyzer) throws {
        for (number, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            guard !line.trimmingWhitespace().isEmpty else { continue }
            func bad(_ why: String) -> PostSearchError {
                .invalidParameter(name: "synonyms", message: "line \(number + 1): \(why) (write `a, b, c` or `a => b, c`)")
            }
            func terms(_ list: Substring) throws -> [[String]] {
                try list.split(separator: ",").map { entry in
                    let words = try analyzer.tokens(of: String(entry)).flatMap(\.terms)
                    guard !words.isEmpty else { throw bad("an empty entry") }
                    return words
                }
            }
            let sides = line.components(separatedBy: "=>")
            switch sides.count {
            case 1:
                let group = try terms(Substring(sides[0]))
                guard group.count >= 2 else { throw bad("a line needs at least two entries") }
                for key in group { add(key, finds: group) }
            case 2:
                let (keys, targets) = (try terms(Substring(sides[0])), try terms(Substring(sides[1])))
                for key in keys { add(key, finds: [key] + targets) }
            default:
                throw bad("more than one =>")
            }
        }
    }

    private init() {}

    private mutating func add(_ key: [String], finds alternatives: [[String]]) {
        let joined = key.joined(separator: " ")
        var known = expansions[joined] ?? [key]
        for alternative in alternatives where !known.contains(alternative) { known.append(alternative) }
        expansions[joined] = known
        longestKey = max(longestKey, key.count)
    }

    /// What `words` also find (themselves first), or nil when they are no key.
    func alternatives(for words: [String]) -> [[String]]? {
        expansions[words.joined(separator: " ")]
    }

    /// The file as the index keeps it: one two-way group a line, sorted (`synonyms list`).
    var lines: [String] {
        expansions.keys.sorted().map { key in
            "\(key) => " + expansions[key]!.map { $0.joined(separator: " ") }.joined(separator: ", ")
        }
    }
}
