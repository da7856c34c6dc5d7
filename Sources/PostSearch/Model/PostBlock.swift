/// One block of a post's body (a heading, paragraph, list item, preformatted text or quote), as
/// offsets into `Post.body` counted in UTF-16 code units, so a page's JavaScript can slice the
/// body with them directly. Written in JSON as a three-item array: `["h2", 0, 15]`.
public struct PostBlock: Codable, Sendable, Equatable, Hashable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case h1, h2, h3, h4, h5, h6, p, li, pre, blockquote
    }

    public var kind: Kind
    /// First code unit of the block's text in the body.
    public var start: Int
    /// One past its last code unit.
    public var end: Int

    public init(kind: Kind, start: Int, end: Int) {
        self.kind = kind
        self.start = start
        self.end = end
    }

    public init(from decoder: Decoder) throws {
        var items = try decoder.unkeyedContainer()
        kind = try items.decode(Kind.self)
        start = try items.decode(Int.self)
        end = try items.decode(Int.self)
        guard start >= 0, end >= start else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a block ends before it starts"))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var items = encoder.unkeyedContainer()
        try items.encode(kind)
        try items.encode(start)
        try items.encode(end)
    }
}
