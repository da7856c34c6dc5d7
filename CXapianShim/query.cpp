// Queries, built term by term by postsearch's own query language (Sources/PostSearch/Search/
// QueryLanguage). GPL-2.0-or-later.
#include "shim_internal.h"

using cxs::guarded;
using cxs::guarded_new;

namespace {
Xapian::Query::op to_xapian(cxs_op op) {
    switch (op) {
    case CXS_OP_AND: return Xapian::Query::OP_AND;
    case CXS_OP_OR: return Xapian::Query::OP_OR;
    case CXS_OP_AND_NOT: return Xapian::Query::OP_AND_NOT;
    case CXS_OP_FILTER: return Xapian::Query::OP_FILTER;
    case CXS_OP_AND_MAYBE: return Xapian::Query::OP_AND_MAYBE;
    case CXS_OP_XOR: return Xapian::Query::OP_XOR;
    case CXS_OP_SYNONYM: return Xapian::Query::OP_SYNONYM;
    case CXS_OP_PHRASE: return Xapian::Query::OP_PHRASE;
    case CXS_OP_NEAR: return Xapian::Query::OP_NEAR;
    }
    throw Xapian::InvalidArgumentError("unknown query operator");
}
} // namespace

extern "C" {

cxs_query *cxs_query_match_all(cxs_error *err) noexcept {
    return guarded_new<cxs_query>(err, [] { return new cxs_query{Xapian::Query::MatchAll}; });
}

cxs_query *cxs_query_term(const char *term, size_t len, uint32_t wqf, uint32_t position, cxs_error *err) noexcept {
    if (!term) { cxs::invalid_argument(err, "term is NULL"); return nullptr; }
    return guarded_new<cxs_query>(err, [&] { return new cxs_query{Xapian::Query(std::string(term, len), wqf, position)}; });
}

cxs_query *cxs_query_value_range(uint32_t slot, const char *low, size_t low_len, const char *high, size_t high_len, cxs_error *err) noexcept {
    return guarded_new<cxs_query>(err, [&] {
        std::string lo = cxs::str(low, low_len);
        if (!high) return new cxs_query{Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, lo)};
        std::string hi(high, high_len);
        if (lo.empty()) return new cxs_query{Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, hi)};
        return new cxs_query{Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, lo, hi)};
    });
}

cxs_query *cxs_query_combine_list(cxs_op op, const cxs_query *const *queries, size_t count, uint32_t window, cxs_error *err) noexcept {
    if (!queries && count > 0) { cxs::invalid_argument(err, "queries is NULL"); return nullptr; }
    for (size_t i = 0; i < count; ++i) {
        if (!queries[i]) { cxs::invalid_argument(err, "query handle is NULL"); return nullptr; }
    }
    return guarded_new<cxs_query>(err, [&] {
        std::vector<Xapian::Query> parts;
        parts.reserve(count);
        for (size_t i = 0; i < count; ++i) parts.push_back(queries[i]->query);
        return new cxs_query{Xapian::Query(to_xapian(op), parts.begin(), parts.end(), window)};
    });
}

cxs_query *cxs_query_wildcard(const char *prefix, size_t len, uint32_t max_expansion, bool keep_most_frequent, cxs_error *err) noexcept {
    if (!prefix) { cxs::invalid_argument(err, "prefix is NULL"); return nullptr; }
    return guarded_new<cxs_query>(err, [&] {
        int limit = keep_most_frequent ? Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT : Xapian::Query::WILDCARD_LIMIT_ERROR;
        return new cxs_query{Xapian::Query(Xapian::Query::OP_WILDCARD, std::string(prefix, len), max_expansion, limit)};
    });
}

cxs_query *cxs_query_value_weights(uint32_t slot, const char *const *keys, const size_t *key_lengths, const double *weights,
                                   size_t count, double default_weight, cxs_error *err) noexcept {
    if (count > 0 && (!keys || !key_lengths || !weights)) { cxs::invalid_argument(err, "keys, lengths or weights is NULL"); return nullptr; }
    return guarded_new<cxs_query>(err, [&] {
        std::unique_ptr<Xapian::ValueMapPostingSource> source(new Xapian::ValueMapPostingSource(slot));
        for (size_t i = 0; i < count; ++i) source->add_mapping(cxs::str(keys[i], key_lengths[i]), weights[i]);
        source->set_default_weight(default_weight);
        // The query takes the source over (Xapian's reference counting).
        return new cxs_query{Xapian::Query(source.release()->release())};
    });
}

cxs_query *cxs_query_scale(const cxs_query *q, double factor, cxs_error *err) noexcept {
    if (!q) { cxs::invalid_argument(err, "query handle is NULL"); return nullptr; }
    return guarded_new<cxs_query>(err, [&] { return new cxs_query{Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q->query, factor)}; });
}

bool cxs_query_is_empty(const cxs_query *q) noexcept {
    try { return !q || q->query.empty(); } catch (...) { return true; }
}

bool cxs_query_description(const cxs_query *q, cxs_bytes *out, cxs_error *err) noexcept {
    if (!q || !out) return cxs::invalid_argument(err, "query handle or output is NULL");
    return guarded(err, [&] { *out = cxs::copy_bytes(q->query.get_description()); });
}

void cxs_query_free(cxs_query *q) noexcept {
    try { delete q; } catch (...) {}
}

} // extern "C"
