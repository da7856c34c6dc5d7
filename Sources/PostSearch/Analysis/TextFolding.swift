import Foundation

/// Accent folding for Latin-script text, applied identically at index and query time, so that
/// `portoroz` finds `Portorož`, `zivkovic` finds `Živković` and `café` finds `cafe` (and back).
///
/// Only letters of the Latin script are folded (é → e, ž → z, ø → o, ß → ss, æ → ae, …); other
/// scripts keep their marks, where they change the letter (Cyrillic й is not и).
public enum TextFolding {
    /// Letters whose base is not reached by removing combining marks.
    private static let special: [Unicode.Scalar: String] = [
        "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ħ": "h", "Ħ": "H", "ı": "i",
        "ŧ": "t", "Ŧ": "T", "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
        "þ": "th", "Þ": "TH", "ð": "d", "Ð": "D", "ŋ": "n", "Ŋ": "N", "ſ": "s",
    ]

    public static func fold(_ text: String) -> String {
        // Fast path: ASCII text has nothing to fold.
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        var result = String.UnicodeScalarView()
        var previousWasLatin = false
        for scalar in text.unicodeScalars {
            if scalar.value < 0x80 {
                result.append(scalar)
                previousWasLatin = scalar.properties.isAlphabetic
                continue
            }
            if let replacement = special[scalar] {
                result.append(contentsOf: replacement.unicodeScalars)
                previousWasLatin = true
                continue
            }
            if isLatin(scalar) {
                // Canonical decomposition, then drop the combining marks: é → e + ◌́ → e.
                for part in String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars where !isCombiningMark(part) {
                    result.append(part)
                }
                previousWasLatin = true
                continue
            }
            // A combining mark written separately after a Latin letter (e + U+0301) goes too.
            if previousWasLatin, isCombiningMark(scalar) { continue }
            result.append(scalar)
            previousWasLatin = false
        }
        return String(result)
    }

    private static func isLatin(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00C0...0x024F, 0x1E00...0x1EFF, 0x2C60...0x2C7F, 0xA720...0xA7FF: return scalar.properties.isAlphabetic
        default: return false
        }
    }

    private static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .nonspacingMark
    }
}
