// The language of a text, by CLD2. GPL-2.0-or-later.
#include "include/CLanguageDetector.h"
#include <cstdio>
#include <cstring>
#include <climits>
#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

extern "C" bool pse_detect_language(const char *text, size_t length, pse_language_guess *out) {
    if (!out) return false;
    out->code[0] = '\0';
    out->percent = 0;
    out->reliable = false;
    out->text_bytes = 0;
    if (!text || length == 0) return false;
    try {
        CLD2::Language top3[3];
        int percent3[3];
        double scores3[3];
        int text_bytes = 0, valid_prefix = 0;
        bool reliable = false;
        CLD2::CLDHints hints = {nullptr, nullptr, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
        int bounded = length > INT_MAX ? INT_MAX : static_cast<int>(length);
        CLD2::Language language = CLD2::ExtDetectLanguageSummaryCheckUTF8(
            text, bounded, true, &hints, 0, top3, percent3, scores3, nullptr, &text_bytes, &reliable, &valid_prefix);
        out->text_bytes = text_bytes;
        if (language == CLD2::UNKNOWN_LANGUAGE || language == CLD2::TG_UNKNOWN_LANGUAGE) return false;
        const char *code = CLD2::LanguageCode(language);
        if (!code) return false;
        std::strncpy(out->code, code, sizeof out->code - 1);
        out->code[sizeof out->code - 1] = '\0';
        out->percent = percent3[0];
        out->reliable = reliable;
        return true;
    } catch (...) {
        return false;
    }
}
