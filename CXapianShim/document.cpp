// Documents and the term generator. GPL-2.0-or-later.
#include "shim_internal.h"

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

bool cxs_termgen_increase_termpos(cxs_termgen *tg, uint32_t delta, cxs_error *err) noexcept {
    if (!tg) return cxs::invalid_argument(err, "term generator handle is NULL");
    return guarded(err, [&] { tg->tg.increase_termpos(delta); });
}

} // extern "C"
