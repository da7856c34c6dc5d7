extension Searcher {
    /// The page's posts, each with its score and a snippet marking what matched; over remote
    /// shards, each made as soon as its post arrives (see `ShardSet.forEachData`).
    func hits(of mset: XapianMSet, plan: QueryPlan, request: SearchRequest) throws -> [SearchResponse.Hit] {
        var hits = [SearchResponse.Hit?](repeating: nil, count: mset.count)
        try shardSet.forEachData(of: (0..<mset.count).map { try mset.docid(at: $0) }) { index, data in
            let post = try Post(storedData: data)
            let highlighting = plan.highlighting
            let snippet: Snippet, title: Snippet
            if highlighting.isEmpty {
                snippet = SnippetMaker.opening(of: post.body, length: request.snippetLength)
                title = Snippet(text: post.title)
            } else {
                let maker = try snippetMaker(for: post)
                snippet = try maker.snippet(of: post.body, highlighting: highlighting, length: request.snippetLength)
                title = try maker.highlighted(post.title, highlighting: highlighting)
            }
            hits[index] = .init(post: post, score: plan.ranks ? try mset.weight(at: index) : 0, snippet: snippet, title: title)
        }
        return hits.map { $0! }
    }

    private func snippetMaker(for post: Post) throws -> SnippetMaker {
        let stemmer = post.language.map(Languages.stemmer) ?? language
        if let maker = snippetMakers[stemmer] { return maker }
        let maker = try SnippetMaker(language: stemmer)
        snippetMakers[stemmer] = maker
        return maker
    }
}
