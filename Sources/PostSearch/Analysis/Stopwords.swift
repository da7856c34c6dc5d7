/// Words left out of queries (outside "phrases"): with words ORed by default they would match
/// nearly every post and say nothing about relevance. They stay in the index, so phrases that
/// hold them still match.
enum Stopwords {
    /// Snowball's English stop word list.
    static let english: [String] = """
    a about above after again against all am an and any are aren't as at be because been before being below between \
    both but by can't cannot could couldn't did didn't do does doesn't doing don't down during each few for from \
    further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself him himself his \
    how how's i i'd i'll i'm i've if in into is isn't it it's its itself let's me more most mustn't my myself no nor \
    not of off on once only or other ought our ours ourselves out over own same shan't she she'd she'll she's should \
    shouldn't so some such than that that's the their theirs them themselves then there there's these they they'd \
    they'll they're they've this those through to too under until up very was wasn't we we'd we'll we're we've were \
    weren't what what's when when's where where's which while who who's whom why why's with won't would wouldn't you \
    you'd you'll you're you've your yours yourself yourselves
    """.split(separator: " ").map(String.init)

    /// The folded stop words of a stemmer's language; empty for languages Snowball has no list for.
    static func list(for stemmer: String) -> Set<String> { folded[stemmer] ?? [] }

    /// The words to leave out of a query whose language is not known, in an index holding posts
    /// stemmed with each of `stemmers`: those that are stop words in every one of them that has
    /// a list ("die" is an English word, "son" a French one; languages without a list, such as
    /// Japanese, have no say).
    static func common(to stemmers: [String]) -> Set<String> {
        let lists = Set(stemmers).compactMap { folded[$0] }
        guard var common = lists.first else { return [] }
        for list in lists.dropFirst() { common.formIntersection(list) }
        return common
    }

    /// Every list by stemmer name, folded as query words are (French "été" is looked up as "ete").
    private static let folded: [String: Set<String>] = {
        var lists = StopwordLists.byStemmer.mapValues { text in
            Set(text.split(separator: " ").map { TextFolding.fold(String($0)).lowercased() })
        }
        for name in ["english", "porter", "lovins", "earlyenglish"] { lists[name] = Set(english) }
        lists["german2"] = lists["german"]
        lists["kraaij_pohlmann"] = lists["dutch"]
        return lists
    }()
}
