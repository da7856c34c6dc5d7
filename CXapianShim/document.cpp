// Documents and the term generator. GPL-2.0-or-later.
#include "shim_internal.h"
#include <algorithm>
#include <climits>

using cxs::guarded;
using cxs::guarded_new;

extern "C" {

cxs_document *cxs_document_new(cxs_error *err) noexcept {
    return guarded_new<cxs_document>(err, [] { return new cxs_document; });
}

void cxs_document_free(cxs_document *doc) noexcept {
    try { delete doc; } catch (...) {}
}

bool cxs_document_set_data(cxs_document *doc, const char *data, size_t len, cxs_error *err) noexcept {
    if (!doc) return cxs::invalid_argument(err, "document handle is NULL");
    return guarded(err, [&] { doc->doc.set_data(cxs::str(data, len)); });
}

bool cxs_document_add_value(cxs_document *doc, uint32_t slot, const char *value, size_t len, cxs_error *err) noexcept {
    if (!doc) return cxs::invalid_argument(err, "document handle is NULL");
    return guarded(err, [&] { doc->doc.add_value(slot, cxs::str(value, len)); });
}

bool cxs_document_add_boolean_term(cxs_document *doc, const char *term, size_t len, cxs_error *err) noexcept {
    if (!doc || !term) return cxs::invalid_argument(err, "document handle or term is NULL");
    if (len == 0) return cxs::invalid_argument(err, "term is empty");
    return guarded(err, [&] { doc->doc.add_boolean_term(std::string(term, len)); });
}

cxs_termgen *cxs_termgen_new(const char *language, int stem_strategy, cxs_error *err) noexcept {
    if (stem_strategy < 0 || stem_strategy > 4) { cxs::invalid_argument(err, "unknown stem strategy"); return nullptr; }
    return guarded_new<cxs_termgen>(err, [&] {
        std::unique_ptr<cxs_termgen> handle(new cxs_termgen);
        handle->stem = Xapian::Stem(language ? language : "none");
        handle->tg.set_stemmer(handle->stem);
        handle->tg.set_stemming_strategy(static_cast<Xapian::TermGenerator::stem_strategy>(stem_strategy));
        // Chinese, Japanese and Korean are written without spaces: index every character and
        // every pair of adjacent characters, so any run of them in a post can be found.
        handle->tg.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
        return handle.release();
    });
}

void cxs_termgen_free(cxs_termgen *tg) noexcept {
    try { delete tg; } catch (...) {}
}

bool cxs_termgen_set_document(cxs_termgen *tg, cxs_document *doc, cxs_error *err) noexcept {
    if (!tg || !doc) return cxs::invalid_argument(err, "term generator or document handle is NULL");
    return guarded(err, [&] {
        tg->tg.set_document(doc->doc);
        tg->tg.set_termpos(0);
    });
}

bool cxs_termgen_index_text(cxs_termgen *tg, const char *text, size_t len, uint32_t wdf_inc, const char *prefix, cxs_error *err) noexcept {
    if (!tg || !text) return cxs::invalid_argument(err, "term generator handle or text is NULL");
    return guarded(err, [&] {
        Xapian::Utf8Iterator it(text, len);
        tg->tg.index_text(it, wdf_inc, prefix ? prefix : "");
    });
}

cxs_termlist *cxs_termgen_terms_of(cxs_termgen *tg, const char *text, size_t len, cxs_error *err) noexcept {
    if (!tg || !text) { cxs::invalid_argument(err, "term generator handle or text is NULL"); return nullptr; }
    return guarded_new<cxs_termlist>(err, [&] {
        Xapian::Document scratch;
        tg->tg.set_document(scratch);
        tg->tg.set_termpos(0);
        Xapian::Utf8Iterator it(text, len);
        tg->tg.index_text(it);
        std::vector<std::pair<Xapian::termpos, std::string>> placed;
        for (auto term = scratch.termlist_begin(); term != scratch.termlist_end(); ++term) {
            auto position = term.positionlist_begin();
            if (position == term.positionlist_end()) placed.emplace_back(0, *term);
            for (; position != term.positionlist_end(); ++position) placed.emplace_back(*position, *term);
        }
        // Terms without a position (n-grams) last, the others in the order they were written.
        std::stable_sort(placed.begin(), placed.end(), [](const auto &a, const auto &b) {
            return (a.first == 0 ? UINT32_MAX : a.first) < (b.first == 0 ? UINT32_MAX : b.first);
        });
        std::unique_ptr<cxs_termlist> list(new cxs_termlist);
        for (auto &item : placed) list->items.emplace_back(std::move(item.second), item.first);
        return list.release();
    });
}

bool cxs_termgen_increase_termpos(cxs_termgen *tg, uint32_t delta, cxs_error *err) noexcept {
    if (!tg) return cxs::invalid_argument(err, "term generator handle is NULL");
    return guarded(err, [&] { tg->tg.increase_termpos(delta); });
}

} // extern "C"
