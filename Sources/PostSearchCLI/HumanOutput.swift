import PostSearch

/// Prints a response as one JSON object (`--json`) or for people.
func printResponse(_ response: SearchResponse, json: Bool) {
    if json {
        print(response.json)
    } else {
        print(HumanOutput(color: Terminal.stdoutIsTerminal).render(response), terminator: "")
    }
}

/// Renders a search response for people: rank, date, title, authors, categories, snippet, facets.
struct HumanOutput {
    /// Highlight matches with ANSI colour (on a terminal) or with [brackets] (piped).
    let color: Bool

    func render(_ response: SearchResponse) -> String {
        var out = ""
        let first = response.offset + 1, last = response.offset + response.hits.count
        let searched = response.correctedQuery ?? response.query
        var count = counted(response.total, "post")
        if !searched.trimmingWhitespace().isEmpty { count += (response.total == 1 ? " matches " : " match ") + Self.echo(searched) }
        if !response.hits.isEmpty {
            out += "\(count); showing \(first)–\(last).\n"
        } else if response.offset > 0, response.total > 0 {
            out += "No more results: \(count), and this page starts at \(first).\n"
        } else {
            out += "\(count).\n"
        }
        if response.correctedQuery != nil {
            out += "Showing results for \(bold(Self.echo(searched))) (no post has \(Self.echo(response.query))); --no-autocorrect searches it as written.\n"
        }
        if let suggestion = response.suggestion { out += "Did you mean: \(bold(Self.echo(suggestion)))?\n" }
        for (index, hit) in response.hits.enumerated() {
            let post = hit.post
            out += "\n\(String(response.offset + index + 1).leftPadded(3)). \(bold(post.title.isEmpty ? "(untitled)" : post.title))"
            if let date = post.date { out += "  \(dim(date.dayString))" }
            out += "\n"
            var byline: [String] = []
            if !post.authors.isEmpty { byline.append(post.authors.joined(separator: ", ")) }
            if !post.categories.isEmpty { byline.append(post.categories.joined(separator: ", ")) }
            if !post.tags.isEmpty { byline.append("#" + post.tags.joined(separator: " #")) }
            for name in post.fields.keys.sorted() { byline.append("\(name): " + post.fields[name]!.joined(separator: ", ")) }
            if !byline.isEmpty { out += "     \(byline.joined(separator: " · "))\n" }
            let snippet = highlight(hit.snippet).split(whereSeparator: \.isNewline).joined(separator: " ")
            if !snippet.isEmpty { out += "     \(snippet)\n" }
            out += "     \(dim(post.url ?? post.id))\n"
        }
        for (facet, values) in response.facets {
            let list = values.map { "\($0.value) (\($0.count))" }.joined(separator: ", ")
            out += "\n\(bold(facet.name)): \(list.isEmpty ? "none" : list)"
        }
        if !response.facets.isEmpty { out += "\n" }
        return out
    }

    /// Matches in bold yellow on a terminal, in [brackets] when piped.
    private func highlight(_ snippet: Snippet) -> String {
        color ? snippet.rendered(open: "\u{1B}[1;33m", close: "\u{1B}[0m") : snippet.rendered(open: "[", close: "]")
    }

    /// A query as typed, cut short when long (a 10,000-character query is not echoed whole).
    static func echo(_ query: String, limit: Int = 80) -> String {
        let line = query.split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.count <= limit ? line : String(line.prefix(limit - 1)) + "…"
    }

    private func bold(_ text: String) -> String { color ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
    private func dim(_ text: String) -> String { color ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
