// Enquire, match spies, result sets and term lists. GPL-2.0-or-later.
#include "shim_internal.h"

using cxs::guarded;
using cxs::guarded_new;

namespace {
// Keeps free-text terms only: unprefixed words and their "Z" stems. Prefixes are upper case.
class FreeTextTerms : public Xapian::ExpandDecider {
  public:
    bool operator()(const std::string &term) const override {
        if (term.empty()) return false;
        unsigned char first = term[0];
        if (first == 'Z') return term.size() > 1 && !(term[1] >= 'A' && term[1] <= 'Z');
        return !(first >= 'A' && first <= 'Z');
    }
};
} // namespace

extern "C" {

cxs_enquire *cxs_enquire_new(const cxs_database *db, cxs_error *err) noexcept {
    if (!db) { cxs::invalid_argument(err, "database handle is NULL"); return nullptr; }
    return guarded_new<cxs_enquire>(err, [&] { return new cxs_enquire(db->db); });
}

void cxs_enquire_free(cxs_enquire *enq) noexcept {
    try { delete enq; } catch (...) {}
}

bool cxs_enquire_set_query(cxs_enquire *enq, const cxs_query *q, cxs_error *err) noexcept {
    if (!enq || !q) return cxs::invalid_argument(err, "enquire or query handle is NULL");
    return guarded(err, [&] { enq->enquire.set_query(q->query); });
}

bool cxs_enquire_sort_by_relevance(cxs_enquire *enq, cxs_error *err) noexcept {
    if (!enq) return cxs::invalid_argument(err, "enquire handle is NULL");
    return guarded(err, [&] { enq->enquire.set_sort_by_relevance(); });
}

bool cxs_enquire_sort_by_value(cxs_enquire *enq, uint32_t slot, bool reverse, cxs_error *err) noexcept {
    if (!enq) return cxs::invalid_argument(err, "enquire handle is NULL");
    return guarded(err, [&] { enq->enquire.set_sort_by_value_then_relevance(slot, reverse); });
}

bool cxs_enquire_set_bm25(cxs_enquire *enq, double k1, double k2, double k3, double b, double min_normlen, double delta, cxs_error *err) noexcept {
    if (!enq) return cxs::invalid_argument(err, "enquire handle is NULL");
    return guarded(err, [&] {
        if (delta > 0)
            enq->enquire.set_weighting_scheme(Xapian::BM25PlusWeight(k1, k2, k3, b, min_normlen, delta));
        else
            enq->enquire.set_weighting_scheme(Xapian::BM25Weight(k1, k2, k3, b, min_normlen));
    });
}

bool cxs_enquire_set_time_limit(cxs_enquire *enq, double seconds, cxs_error *err) noexcept {
    if (!enq) return cxs::invalid_argument(err, "enquire handle is NULL");
    return guarded(err, [&] { enq->enquire.set_time_limit(seconds); });
}

cxs_spy *cxs_enquire_add_value_count_spy(cxs_enquire *enq, uint32_t slot, cxs_error *err) noexcept {
    if (!enq) { cxs::invalid_argument(err, "enquire handle is NULL"); return nullptr; }
    return guarded_new<cxs_spy>(err, [&] {
        std::unique_ptr<cxs_spy> spy(new cxs_spy(slot));
        enq->enquire.add_matchspy(&spy->spy);
        return spy.release();
    });
}

cxs_mset *cxs_enquire_mset(cxs_enquire *enq, uint32_t first, uint32_t max, uint32_t check_at_least, cxs_error *err) noexcept {
    if (!enq) { cxs::invalid_argument(err, "enquire handle is NULL"); return nullptr; }
    return guarded_new<cxs_mset>(err, [&] { return new cxs_mset{enq->enquire.get_mset(first, max, check_at_least)}; });
}

cxs_termlist *cxs_enquire_expand(cxs_enquire *enq, const uint32_t *docids, size_t count, uint32_t max_terms, cxs_error *err) noexcept {
    if (!enq || (!docids && count > 0)) { cxs::invalid_argument(err, "enquire handle or docids is NULL"); return nullptr; }
    return guarded_new<cxs_termlist>(err, [&] {
        Xapian::RSet rset;
        for (size_t i = 0; i < count; ++i) rset.add_document(docids[i]);
        FreeTextTerms decider;
        Xapian::ESet eset = enq->enquire.get_eset(max_terms, rset, &decider);
        std::unique_ptr<cxs_termlist> list(new cxs_termlist);
        for (auto it = eset.begin(); it != eset.end(); ++it) list->items.emplace_back(*it, 0);
        return list.release();
    });
}


cxs_stemmer *cxs_stemmer_new(const char *language, cxs_error *err) noexcept {
    return guarded_new<cxs_stemmer>(err, [&] { return new cxs_stemmer{Xapian::Stem(language ? language : "none")}; });
}

void cxs_stemmer_free(cxs_stemmer *stemmer) noexcept {
    try { delete stemmer; } catch (...) {}
}

bool cxs_stemmer_stem(const cxs_stemmer *stemmer, const char *word, size_t len, cxs_bytes *out, cxs_error *err) noexcept {
    if (!stemmer || !word || !out) return cxs::invalid_argument(err, "stemmer handle, word or output is NULL");
    return guarded(err, [&] { *out = cxs::copy_bytes(stemmer->stem(std::string(word, len))); });
}

void cxs_spy_free(cxs_spy *spy) noexcept {
    try { delete spy; } catch (...) {}
}


cxs_termlist *cxs_spy_values(const cxs_spy *spy, cxs_error *err) noexcept {
    if (!spy) { cxs::invalid_argument(err, "spy handle is NULL"); return nullptr; }
    return guarded_new<cxs_termlist>(err, [&] {
        std::unique_ptr<cxs_termlist> list(new cxs_termlist);
        for (auto it = spy->spy.values_begin(); it != spy->spy.values_end(); ++it)
            list->items.emplace_back(*it, it.get_termfreq());
        return list.release();
    });
}

void cxs_termlist_free(cxs_termlist *list) noexcept {
    try { delete list; } catch (...) {}
}

size_t cxs_termlist_count(const cxs_termlist *list) noexcept { return list ? list->items.size() : 0; }

const char *cxs_termlist_term(const cxs_termlist *list, size_t index, size_t *len) noexcept {
    if (!list || index >= list->items.size()) { if (len) *len = 0; return nullptr; }
    const std::string &term = list->items[index].first;
    if (len) *len = term.size();
    return term.data();
}

uint32_t cxs_termlist_freq(const cxs_termlist *list, size_t index) noexcept {
    if (!list || index >= list->items.size()) return 0;
    return list->items[index].second;
}

void cxs_mset_free(cxs_mset *mset) noexcept {
    try { delete mset; } catch (...) {}
}

uint32_t cxs_mset_size(const cxs_mset *mset) noexcept {
    try { return mset ? mset->mset.size() : 0; } catch (...) { return 0; }
}

bool cxs_mset_max_possible(const cxs_mset *mset, double *weight, cxs_error *err) noexcept {
    if (!mset || !weight) return cxs::invalid_argument(err, "mset handle or output is NULL");
    return guarded(err, [&] { *weight = mset->mset.get_max_possible(); });
}

bool cxs_mset_matches(const cxs_mset *mset, uint32_t *estimated, uint32_t *lower, uint32_t *upper, cxs_error *err) noexcept {
    if (!mset || !estimated || !lower || !upper) return cxs::invalid_argument(err, "mset handle or output is NULL");
    return guarded(err, [&] {
        *estimated = mset->mset.get_matches_estimated();
        *lower = mset->mset.get_matches_lower_bound();
        *upper = mset->mset.get_matches_upper_bound();
    });
}

#define CXS_CHECK_INDEX(mset, index, err) \
    if (!(mset)) return cxs::invalid_argument(err, "mset handle is NULL"); \
    if ((index) >= (mset)->mset.size()) return cxs::invalid_argument(err, "mset index out of range")



bool cxs_mset_weight(const cxs_mset *mset, uint32_t index, double *weight, cxs_error *err) noexcept {
    CXS_CHECK_INDEX(mset, index, err);
    if (!weight) return cxs::invalid_argument(err, "output is NULL");
    return guarded(err, [&] { *weight = mset->mset[index].get_weight(); });
}

bool cxs_mset_data(const cxs_mset *mset, uint32_t index, cxs_bytes *out, cxs_error *err) noexcept {
    CXS_CHECK_INDEX(mset, index, err);
    if (!out) return cxs::invalid_argument(err, "output is NULL");
    return guarded(err, [&] { *out = cxs::copy_bytes(mset->mset[index].get_document().get_data()); });
}


} // extern "C"
