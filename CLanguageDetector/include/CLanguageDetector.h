/*
 * CLanguageDetector: Google's Compact Language Detector 2 (Debian libcld2) behind a C surface,
 * the same kind of boundary as CXapianShim: nothing thrown crosses it. GPL-2.0-or-later.
 */
#ifndef CLANGUAGEDETECTOR_H
#define CLANGUAGEDETECTOR_H

#include <stddef.h>
#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    char codes[3][16]; /* the top three languages, ISO 639-1 or BCP 47 codes ("en", "ja", "zh-Hant"); "" past the last */
    int percents[3];   /* share of the text in each, 0..100 */
    bool reliable;     /* CLD2's own judgement: the first is clearly ahead of the second */
    int text_bytes;    /* letters CLD2 looked at */
} pse_language_guess;

/* Guesses the languages of UTF-8 plain text, most of it first. Returns false (and no codes)
 * when the text is not valid UTF-8 or too short to tell. */
bool pse_detect_language(const char *text, size_t length, pse_language_guess *out);

#ifdef __cplusplus
}
#endif
#endif
