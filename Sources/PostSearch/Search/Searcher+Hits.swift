extension Searcher {
    /// The page's posts, each with its score and a snippet marking what matched.
    func hits(of mset: XapianMSet, enquire: XapianEnquire, plan: QueryPlan, request: SearchRequest) throws -> [SearchResponse.Hit] {
        var hits: [SearchResponse.Hit] = []
        hits.reserveCapacity(mset.count)
        for index in 0..<mset.count {
            let post = try Post(storedData: try mset.data(at: index))
            // A wildcard's expansions are known per hit only: asking Xapian which terms a hit
            // matched reads its whole term list (over the network, for a remote shard), so only then.
            let highlighting = plan.hasWildcard
                ? plan.highlighting.adding(matchingTerms: try enquire.matchingTerms(mset, at: index)) : plan.highlighting
            let snippet: Snippet
            if highlighting.isEmpty {
                snippet = SnippetMaker.opening(of: post.body, length: request.snippetLength)
            } else {
                snippet = try snippetMaker(for: post).snippet(of: post.body, highlighting: highlighting, length: request.snippetLength)
            }
            hits.append(.init(post: post, score: plan.ranks ? try mset.weight(at: index) : 0, snippet: snippet))
        }
        return hits
    }

    private func snippetMaker(for post: Post) throws -> SnippetMaker {
        let stemmer = post.language.map(Languages.stemmer) ?? language
        if let maker = snippetMakers[stemmer] { return maker }
        let maker = try SnippetMaker(language: stemmer)
        snippetMakers[stemmer] = maker
        return maker
    }
}
