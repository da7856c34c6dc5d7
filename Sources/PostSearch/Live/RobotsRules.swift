import Foundation

/// A site's robots.txt as it applies to postsearch: the group naming `postsearch` (else the
/// one for `*`), its `Allow` and `Disallow` rules (the longest matching path wins, `Allow` on a
/// tie; `*` and a final `$` as in Google's reading), and the `Sitemap:` lines.
public struct RobotsRules: Sendable {
    private var rules: [(allow: Bool, pattern: String)] = []
    public private(set) var sitemaps: [String] = []

    public init(text: String) {
        var groups: [(agents: [String], rules: [(Bool, String)])] = []
        var collectingAgents = false
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            guard let colon = line.firstIndex(of: ":") else { continue }
            let field = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch field {
            case "user-agent":
                if !collectingAgents { groups.append(([], [])) }
                groups[groups.count - 1].agents.append(value.lowercased())
                collectingAgents = true
            case "allow", "disallow":
                collectingAgents = false
                guard !groups.isEmpty else { continue }
                // An empty Disallow allows everything: no rule.
                if !value.isEmpty { groups[groups.count - 1].rules.append((field == "allow", value)) }
            case "sitemap":
                sitemaps.append(value)
            default:
                collectingAgents = false
            }
        }
        let product = PoliteHTTPClient.productName
        let chosen = groups.filter { $0.agents.contains { $0 == product || product.hasPrefix($0) && !$0.isEmpty && $0 != "*" } }
        let group = chosen.isEmpty ? groups.filter { $0.agents.contains("*") } : chosen
        rules = group.flatMap(\.rules).map { (allow: $0.0, pattern: $0.1) }
    }

    public func allows(_ url: URL) -> Bool {
        var path = url.path.isEmpty ? "/" : url.path
        if let query = url.query { path += "?" + query }
        var best: (length: Int, allow: Bool)?
        for rule in rules where Self.matches(rule.pattern, path) {
            let length = rule.pattern.count
            if best == nil || length > best!.length || (length == best!.length && rule.allow) { best = (length, rule.allow) }
        }
        return best?.allow ?? true
    }

    /// `pattern` matches the start of `path`; `*` stands for any run, a final `$` for the end.
    static func matches(_ pattern: String, _ path: String) -> Bool {
        let anchored = pattern.hasSuffix("$")
        let parts = (anchored ? String(pattern.dropLast()) : pattern).split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        var rest = Substring(path)
        for (index, part) in parts.enumerated() {
            if index == 0 {
                guard rest.hasPrefix(part) else { return false }
                rest = rest.dropFirst(part.count)
            } else if index == parts.count - 1, anchored {
                return rest.hasSuffix(part)
            } else {
                guard let found = rest.range(of: part) else { return false }
                rest = rest[found.upperBound...]
            }
        }
        return !anchored || rest.isEmpty || parts.count > 1 && parts.last!.isEmpty
    }
}
