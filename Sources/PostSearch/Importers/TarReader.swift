import CZlib
import Foundation

/// Reads the regular files of a tar archive (optionally gzip-compressed) one at a time, streaming:
/// only one member is held in memory. Understands ustar prefixes, GNU long names and pax paths.
struct TarReader {
    /// Whether `path` names a tar archive this reader opens.
    static func handles(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".tar") || lower.hasSuffix(".tgz") || lower.hasSuffix(".tar.gz")
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Members larger than this are skipped (reported), not loaded.
    static let maxMemberBytes = 256 << 20

    /// Calls `handle` with each regular file's path in the archive and its bytes, in archive order.
    static func read(_ path: String, handle: (String, Data) throws -> Void) throws {
        guard let file = FileHandle(forReadingAtPath: path) else { throw Failure(description: "cannot open the file") }
        defer { try? file.close() }
        var source = try ByteSource(file: file)
        var longName: String?
        while true {
            let header = try source.read(512)
            guard header.count == 512 else {
                if header.isEmpty { return }
                throw Failure(description: "the archive ends in the middle of a header")
            }
            if header.allSatisfy({ $0 == 0 }) { return }
            guard let size = octal(header[124..<136]) else { throw Failure(description: "a header has an unreadable size") }
            let type = header[156]
            var name = longName ?? string(header[0..<100])
            longName = nil
            if header[257..<262].elementsEqual("ustar".utf8) {
                let prefix = string(header[345..<500])
                if !prefix.isEmpty, name == string(header[0..<100]) { name = prefix + "/" + name }
            }
            let padded = (size + 511) / 512 * 512
            switch type {
            case UInt8(ascii: "L"):  // GNU: the next member's long name
                longName = string(try source.read(padded).prefix(size)[...])
            case UInt8(ascii: "x"):  // pax: the next member's attributes
                let records = String(decoding: try source.read(padded).prefix(size), as: UTF8.self)
                for record in records.split(separator: "\n") {
                    if let range = record.range(of: " path=") { longName = String(record[range.upperBound...]) }
                }
            case UInt8(ascii: "0"), 0, UInt8(ascii: "7"):
                guard size <= maxMemberBytes else {
                    try source.skip(padded)
                    throw Failure(description: "\(name) is larger than \(maxMemberBytes >> 20) MB")
                }
                let content = try source.read(padded)
                guard content.count == padded else { throw Failure(description: "the archive ends inside \(name)") }
                try handle(name, Data(content.prefix(size)))
            default:
                try source.skip(padded)
            }
        }
    }

    private static func octal(_ bytes: ArraySlice<UInt8>) -> Int? {
        let text = String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? 0 : Int(text, radix: 8)
    }

    private static func string(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
    }
}

/// Bytes of a file, gunzipped on the fly when it starts with gzip's magic number.
private struct ByteSource {
    private let file: FileHandle
    private var buffer: [UInt8] = []
    private var position = 0
    private var inflater: Inflater?
    private var finished = false

    init(file: FileHandle) throws {
        self.file = file
        let head = try file.read(upToCount: 2) ?? Data()
        try file.seek(toOffset: 0)
        if head.count == 2, head[head.startIndex] == 0x1F, head[head.startIndex + 1] == 0x8B { inflater = try Inflater() }
    }

    mutating func read(_ count: Int) throws -> [UInt8] {
        while buffer.count - position < count, !finished { try fill() }
        let end = min(buffer.count, position + count)
        let out = Array(buffer[position..<end])
        position = end
        if position > 1 << 20 { buffer.removeFirst(position); position = 0 }
        return out
    }

    mutating func skip(_ count: Int) throws { _ = try read(count) }

    private mutating func fill() throws {
        guard let chunk = try file.read(upToCount: 1 << 16), !chunk.isEmpty else {
            finished = true
            return
        }
        if let inflater { buffer += try inflater.inflate(chunk) } else { buffer += chunk }
    }
}

/// zlib's streaming inflate, set up for gzip headers.
private final class Inflater {
    private var stream = z_stream()

    init() throws {
        // 15 + 32: any window size, gzip or zlib header detected automatically.
        guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw TarReader.Failure(description: "cannot start gzip decompression")
        }
    }

    deinit { inflateEnd(&stream) }

    func inflate(_ input: Data) throws -> [UInt8] {
        var output: [UInt8] = []
        var input = [UInt8](input)
        let chunk = 1 << 16
        var scratch = [UInt8](repeating: 0, count: chunk)
        try input.withUnsafeMutableBufferPointer { inputBuffer in
            stream.next_in = inputBuffer.baseAddress
            stream.avail_in = uInt(inputBuffer.count)
            repeat {
                let status: Int32 = scratch.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = uInt(chunk)
                    return CZlib.inflate(&stream, Z_NO_FLUSH)
                }
                guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                    throw TarReader.Failure(description: "the gzip data is corrupt (zlib error \(status))")
                }
                output += scratch[0..<(chunk - Int(stream.avail_out))]
                if status == Z_STREAM_END {
                    // A gzip file may hold several members; continue with the next one.
                    if stream.avail_in > 0 { inflateReset(&stream) } else { break }
                }
            } while stream.avail_out == 0 || stream.avail_in > 0
        }
        return output
    }
}
