/// `/favicon.ico`: a magnifying glass on the page's blue, drawn by code at start-up (no binary
/// file in the repository): a 32×32 icon holding one 32-bit BMP, as every browser reads it.
enum Favicon {
    static let contentType = "image/x-icon"
    static let bytes: [UInt8] = ico(size: 32)

    /// ICONDIR, one ICONDIRENTRY, a BITMAPINFOHEADER, BGRA rows bottom-up, an empty AND mask.
    static func ico(size: Int) -> [UInt8] {
        var out: [UInt8] = []
        func u16(_ value: Int) { out += [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }
        func u32(_ value: Int) { u16(value & 0xFFFF); u16(value >> 16 & 0xFFFF) }
        let maskRow = (size + 31) / 32 * 4
        let imageBytes = 40 + size * size * 4 + maskRow * size
        u16(0); u16(1); u16(1)
        out += [UInt8(size), UInt8(size), 0, 0]; u16(1); u16(32); u32(imageBytes); u32(22)
        u32(40); u32(size); u32(size * 2); u16(1); u16(32); u32(0); u32(size * size * 4 + maskRow * size); u32(0); u32(0); u32(0); u32(0)
        for y in (0..<size).reversed() {
            for x in 0..<size {
                let (coverage, white) = shade(x: x, y: y, size: size)
                // Blue #2453a6 blended towards white where the glass is drawn.
                let blue = (0xA6, 0x53, 0x24)
                func mix(_ c: Int) -> UInt8 { UInt8(Double(c) + (255 - Double(c)) * white) }
                out += [mix(blue.0), mix(blue.1), mix(blue.2), UInt8(255 * coverage)]
            }
        }
        out += [UInt8](repeating: 0, count: maskRow * size)
        return out
    }

    /// How much of pixel (x, y) the rounded square covers, and how much of it is the white glass
    /// (4×4 samples per pixel, so the edges are smooth).
    private static func shade(x: Int, y: Int, size: Int) -> (coverage: Double, white: Double) {
        let s = Double(size)
        var square = 0.0, glass = 0.0
        for sy in 0..<4 {
            for sx in 0..<4 {
                let px = Double(x) + (Double(sx) + 0.5) / 4, py = Double(y) + (Double(sy) + 0.5) / 4
                let radius = s * 0.22
                let cx = min(max(px, radius), s - radius), cy = min(max(py, radius), s - radius)
                guard (px - cx) * (px - cx) + (py - cy) * (py - cy) <= radius * radius else { continue }
                square += 1
                let ring = ((px - s * 0.42) * (px - s * 0.42) + (py - s * 0.42) * (py - s * 0.42)).squareRoot()
                let onRing = abs(ring - s * 0.22) <= s * 0.06
                // The handle: the diagonal from the ring to the lower right corner.
                let along = (px + py) / 2, across = abs(px - py) / 2.0.squareRoot()
                let onHandle = along >= s * 0.58 && along <= s * 0.8 && across <= s * 0.07
                if onRing || onHandle { glass += 1 }
            }
        }
        return (square / 16, square == 0 ? 0 : glass / square)
    }
}
