/// Cuts a snippet from a post's own text around the words that matched the query, marking them
/// as written (accents and case kept) even though the index holds folded, stemmed terms.
///
/// Xapian's `MSet::snippet` would compare its own terms of the text with the query's, and the
/// folded query (`portoroz`) never meets the unfolded text (`Portorož`); so the matching is done
/// here. Works on the text's UTF-8 bytes: decoding scalars only for non-ASCII bytes keeps a
/// 10 KB body to some microseconds.
final class SnippetMaker {
    private let stemmer: XapianStemmer
    private var stems: [String: String] = [:]

    /// Whether the stemmer only ever changes word endings (Snowball's for these languages).
    private let keepsInitial: Bool

    init(language: String) throws {
        stemmer = try XapianStemmer(language: language)
        keepsInitial = ["english", "porter", "french", "german", "spanish", "italian", "portuguese",
                        "swedish", "norwegian", "danish", "finnish", "russian", "romanian", "hungarian", "none"].contains(language)
    }

    /// About `length` bytes of `text` around the most (distinct) matches; its opening when
    /// nothing matches.
    func snippet(of text: String, highlighting: Highlighting, length: Int) throws -> Snippet {
        var text = text
        return try text.withUTF8 { bytes in
            let words = try marked(bytes, highlighting)
            guard !words.isEmpty else { return Snippet(text: "") }
            let (first, last) = Self.window(words, length: length)
            return Self.render(bytes, words: words, first: first, last: last, length: length)
        }
    }

    /// All of `text` (a title), its matches marked.
    func highlighted(_ text: String, highlighting: Highlighting) throws -> Snippet {
        var bytesOf = text
        return try bytesOf.withUTF8 { bytes in
            let words = try marked(bytes, highlighting)
            guard !words.isEmpty else { return Snippet(text: text) }
            return Self.render(bytes, words: words, first: 0, last: words.count - 1, length: .max, whole: true)
        }
    }

    /// The first `length` bytes or so of `text`, cut at a word boundary.
    /// Reads words only until the cut: a body is often a hundred times longer than its opening.
    static func opening(of text: String, length: Int) -> Snippet {
        var cut = ""
        var rest = text[...]
        while true {
            rest = rest.drop(while: \.isWhitespace)
            guard !rest.isEmpty else { break }
            let word = rest.prefix(while: { !$0.isWhitespace })
            rest = rest[word.endIndex...]
            if !cut.isEmpty && cut.utf8.count + word.utf8.count + 1 > length { cut += "…"; break }
            cut += cut.isEmpty ? String(word) : " " + word
        }
        return Snippet(text: cut)
    }

    // MARK: - Matching

    /// A word of the text: its UTF-8 byte range, its key when computed, and its matched parts.
    struct Word {
        let start: Int, end: Int
        var key: String?
        var marks: [Range<Int>] = []
    }

    private func marked(_ text: UnsafeBufferPointer<UInt8>, _ highlighting: Highlighting) throws -> [Word] {
        var words = TextScanner.words(in: text)
        guard !highlighting.isEmpty else { return words }
        let targets = highlighting.words.union(highlighting.stems).union(highlighting.phrases.joined()).union(highlighting.prefixes)
        // Most words match nothing: an ASCII word whose first letter starts no target is passed
        // over before its key is made. (Stems keep a word's first letter in the suffix-only
        // stemmers listed in `keepsInitial`; for the others every word is stemmed.)
        var initials: (low: UInt64, high: UInt64) = (0, 0)
        for byte in targets.compactMap(\.utf8.first) where byte < 0x80 {
            if byte < 64 { initials.low |= 1 << byte } else { initials.high |= 1 << (byte - 64) }
        }
        let checkInitial = highlighting.stems.isEmpty || keepsInitial
        let cjkRuns = highlighting.cjkRuns.map { Array($0.utf8) }
        for index in words.indices {
            var lead = text[words[index].start]
            if lead >= 0x80, !cjkRuns.isEmpty { markCJK(&words[index], in: text, runs: cjkRuns) }
            if lead >= 0x41 && lead <= 0x5A { lead |= 0x20 }
            if checkInitial, lead < 0x80, (lead < 64 ? initials.low >> lead : initials.high >> (lead - 64)) & 1 == 0 { continue }
            let key = TextScanner.key(of: UnsafeBufferPointer(rebasing: text[words[index].start..<words[index].end]))
            words[index].key = key
            var matches = highlighting.words.contains(key) || !highlighting.prefixes.isEmpty && highlighting.beginsWithPrefix(key)
            if !matches, !highlighting.stems.isEmpty { matches = highlighting.stems.contains(try stem(key)) }
            if matches { words[index].marks = [words[index].start..<words[index].end] }
        }
        for phrase in highlighting.phrases where !phrase.isEmpty {
            markPhrase(phrase, in: &words)
        }
        return words
    }

    /// Marks every place where the words of `phrase` follow one another.
    private func markPhrase(_ phrase: [String], in words: inout [Word]) {
        guard words.count >= phrase.count else { return }
        var start = 0
        while start + phrase.count <= words.count {
            if (0..<phrase.count).allSatisfy({ words[start + $0].key == phrase[$0] }) {
                for index in start..<start + phrase.count { words[index].marks = [words[index].start..<words[index].end] }
                start += phrase.count
            } else {
                start += 1
            }
        }
    }

    /// Marks each place in a word of CJK text where one of `runs` (UTF-8) occurs.
    private func markCJK(_ word: inout Word, in text: UnsafeBufferPointer<UInt8>, runs: [[UInt8]]) {
        var found: [Range<Int>] = []
        for run in runs where !run.isEmpty && run.count <= word.end - word.start {
            var at = word.start
            while at + run.count <= word.end {
                if text[at] == run[0], (0..<run.count).allSatisfy({ text[at + $0] == run[$0] }) {
                    found.append(at..<at + run.count)
                    at += run.count
                } else {
                    at += 1
                }
            }
        }
        guard !found.isEmpty else { return }
        // Overlapping finds (two runs) merge into one mark.
        found.sort { $0.lowerBound < $1.lowerBound }
        var merged = [found[0]]
        for range in found.dropFirst() {
            if range.lowerBound <= merged[merged.count - 1].upperBound {
                merged[merged.count - 1] = merged[merged.count - 1].lowerBound..<max(range.upperBound, merged[merged.count - 1].upperBound)
            } else {
                merged.append(range)
            }
        }
        word.marks = merged
        word.key = String(decoding: text[merged[0]], as: UTF8.self)
    }

    private func stem(_ word: String) throws -> String {
        if let known = stems[word] { return known }
        let stemmed = try stemmer.stem(word)
        if stems.count > 50_000 { stems.removeAll() }
        stems[word] = stemmed
        return stemmed
    }

    // MARK: - Window and rendering

    /// The run of words, at most `length` bytes, holding the most distinct matches (then the most matches).
    private static func window(_ words: [Word], length: Int) -> (Int, Int) {
        let matched = words.indices.filter { !words[$0].marks.isEmpty }
        var best = (first: 0, last: 0, score: -1)
        for candidate in matched.isEmpty ? [0] : matched {
            var first = matched.isEmpty ? 0 : max(0, candidate - 4)
            var last = first
            while last + 1 < words.count, words[last + 1].end - words[first].start <= length { last += 1 }
            // Near the end of the text, use the room left over for words before.
            while first > 0, words[last].end - words[first - 1].start <= length { first -= 1 }
            let keys = words[first...last].filter { !$0.marks.isEmpty }.compactMap(\.key)
            let score = Set(keys).count * 1000 + keys.count
            if score > best.score { best = (first, last, score) }
        }
        return (best.first, best.last)
    }

    /// Words `first...last` as a snippet. A single word longer than `length` (unspaced CJK text)
    /// is cut around its first match.
    private static func render(_ text: UnsafeBufferPointer<UInt8>, words: [Word], first: Int, last: Int, length: Int,
                               whole: Bool = false) -> Snippet {
        var start = whole ? 0 : words[first].start, end = whole ? text.count : words[last].end
        var cutBefore = first > 0, cutAfter = last < words.count - 1
        if !whole, end - start > length * 3 / 2 {
            let anchor = words[first...last].first { !$0.marks.isEmpty }?.marks.first?.lowerBound ?? start
            start = TextScanner.scalarStart(in: text, atOrBefore: max(start, anchor - length / 3))
            end = TextScanner.scalarStart(in: text, atOrBefore: min(end, start + length))
            cutBefore = cutBefore || start > words[first].start
            cutAfter = cutAfter || end < words[last].end
        }
        if whole { cutBefore = false; cutAfter = false }
        var builder = SnippetBuilder(text: text)
        if cutBefore { builder.appendEllipsis() }
        var cursor = start
        for index in first...last {
            for mark in words[index].marks where mark.lowerBound >= cursor && mark.upperBound <= end {
                builder.append(cursor..<mark.lowerBound)
                builder.append(mark, marked: true)
                cursor = mark.upperBound
            }
        }
        builder.append(cursor..<end)
        // Keep the punctuation that closes the last word (a full stop, a quote).
        if end == words[last].end { builder.append(end..<TextScanner.endOfNonSpace(in: text, from: end)) }
        if cutAfter { builder.appendEllipsis() }
        return builder.snippet
    }
}
