// The language of a text, by CLD2. GPL-2.0-or-later.
#include "include/CLanguageDetector.h"
#include <cstdio>
#include <cstring>
#include <climits>
#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

extern "C" bool pse_detect_language(const char *text, size_t length, pse_language_guess *out) {
    if (!out) return false;
    std::memset(out, 0, sizeof *out);
    if (!text || length == 0) return false;
    try {
        CLD2::Language top3[3];
        int percent3[3];
        double scores3[3];
        int text_bytes = 0, valid_prefix = 0;
        bool reliable = false;
        CLD2::CLDHints hints = {nullptr, nullptr, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
        int bounded = length > INT_MAX ? INT_MAX : static_cast<int>(length);
        // The summary's own answer prefers a second language over English when English is not
        // overwhelming (boilerplate on web pages); a post's language is the one most of its text
        // is in, so the top three are reported as they are.
        CLD2::ExtDetectLanguageSummaryCheckUTF8(text, bounded, true, &hints, 0, top3, percent3, scores3, nullptr,
                                                &text_bytes, &reliable, &valid_prefix);
        out->text_bytes = text_bytes;
        out->reliable = reliable;
        int found = 0;
        for (int i = 0; i < 3; ++i) {
            if (top3[i] == CLD2::UNKNOWN_LANGUAGE || top3[i] == CLD2::TG_UNKNOWN_LANGUAGE) break;
            const char *code = CLD2::LanguageCode(top3[i]);
            if (!code) break;
            std::strncpy(out->codes[i], code, sizeof out->codes[i] - 1);
            out->percents[i] = percent3[i];
            ++found;
        }
        return found > 0;
    } catch (...) {
        return false;
    }
}
