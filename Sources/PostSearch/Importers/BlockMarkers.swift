/// Where the blocks of a converted HTML text lie. While converting, `HTMLText` writes a marker
/// scalar (from Unicode's plane-15 private use area, dropped from the input) after a block's
/// opening "\n\n" and before its closing one; `tidy` then tidies the text exactly as
/// `HTMLText.tidy` does, treating markers as zero-width, and turns them into UTF-16 offsets.
/// Markers always border white space, so they never join or split words.
enum BlockMarkers {
    private static let startBase: UInt32 = 0xF0000, endBase: UInt32 = 0xF0010
    private static let kinds = PostBlock.Kind.allCases

    static func start(_ kind: PostBlock.Kind) -> Unicode.Scalar { Unicode.Scalar(startBase + UInt32(kinds.firstIndex(of: kind)!))! }
    static func end(_ kind: PostBlock.Kind) -> Unicode.Scalar { Unicode.Scalar(endBase + UInt32(kinds.firstIndex(of: kind)!))! }

    static func isMarker(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= startBase && scalar.value < endBase + 0x10 }

    /// The tidied text (as `HTMLText.tidy` gives it, markers removed) and its blocks, in order of start.
    static func tidy(_ marked: String) -> (text: String, blocks: [PostBlock]) {
        var text = ""
        var length = 0  // of `text`, in UTF-16 code units
        var pendingStarts: [PostBlock.Kind] = []
        var open: [(kind: PostBlock.Kind, start: Int, order: Int)] = []
        var blocks: [(block: PostBlock, order: Int)] = []
        var opened = 0
        var wroteContent = false, blankSinceContent = false

        func close(_ kind: PostBlock.Kind, at offset: Int) {
            // A closing tag also closes what was left open inside it (`<li>` without `</li>`).
            guard let index = open.lastIndex(where: { $0.kind == kind }) else { return }
            for block in open[index...].reversed() where offset > block.start {
                blocks.append((PostBlock(kind: block.kind, start: block.start, end: offset), block.order))
            }
            open.removeSubrange(index...)
        }
        func marker(_ scalar: Unicode.Scalar) {
            let index = Int(scalar.value & 0xF)
            guard index < kinds.count else { return }
            if scalar.value < endBase {
                pendingStarts.append(kinds[index])
            } else if let pending = pendingStarts.lastIndex(of: kinds[index]) {
                pendingStarts.remove(at: pending)  // an empty block
            } else {
                close(kinds[index], at: length)
            }
        }

        for line in marked.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            var lineStarted = false
            for word in line.split(whereSeparator: { $0.isWhitespace }) {
                var content = String.UnicodeScalarView()
                var trailing: [Unicode.Scalar] = []
                for scalar in word.unicodeScalars {
                    if isMarker(scalar) {
                        if content.isEmpty { marker(scalar) } else { trailing.append(scalar) }
                    } else {
                        content.append(scalar)
                    }
                }
                if !content.isEmpty {
                    let separator = lineStarted ? " " : (wroteContent ? (blankSinceContent ? "\n\n" : "\n") : "")
                    text += separator
                    length += separator.utf16.count
                    for kind in pendingStarts {
                        // A paragraph cannot hold another block: an open one ends where the next starts.
                        if let last = open.last, last.kind == .p { close(.p, at: length - separator.utf16.count) }
                        open.append((kind, length, opened))
                        opened += 1
                    }
                    pendingStarts.removeAll()
                    let piece = String(content)
                    text += piece
                    length += piece.utf16.count
                    lineStarted = true
                    wroteContent = true
                    blankSinceContent = false
                }
                for scalar in trailing { marker(scalar) }
            }
            if !lineStarted, wroteContent { blankSinceContent = true }
        }
        for block in open.reversed() where length > block.start {
            blocks.append((PostBlock(kind: block.kind, start: block.start, end: length), block.order))
        }
        // In reading order; a block holding another (a list item's paragraph) before it.
        blocks.sort { ($0.block.start, -$0.block.end, $0.order) < ($1.block.start, -$1.block.end, $1.order) }
        return (text, blocks.map(\.block))
    }
}
