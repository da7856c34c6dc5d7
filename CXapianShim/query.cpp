// Query parser and queries. GPL-2.0-or-later.
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
    }
    throw Xapian::InvalidArgumentError("unknown query operator");
}

unsigned to_xapian_flags(unsigned flags) {
    unsigned out = 0;
    if (flags & CXS_QP_BOOLEAN) out |= Xapian::QueryParser::FLAG_BOOLEAN;
    if (flags & CXS_QP_PHRASE) out |= Xapian::QueryParser::FLAG_PHRASE;
    if (flags & CXS_QP_LOVEHATE) out |= Xapian::QueryParser::FLAG_LOVEHATE;
    if (flags & CXS_QP_BOOLEAN_ANY_CASE) out |= Xapian::QueryParser::FLAG_BOOLEAN_ANY_CASE;
    if (flags & CXS_QP_WILDCARD) out |= Xapian::QueryParser::FLAG_WILDCARD;
    if (flags & CXS_QP_PURE_NOT) out |= Xapian::QueryParser::FLAG_PURE_NOT;
    if (flags & CXS_QP_PARTIAL) out |= Xapian::QueryParser::FLAG_PARTIAL;
    if (flags & CXS_QP_SPELLING_CORRECTION) out |= Xapian::QueryParser::FLAG_SPELLING_CORRECTION;
    return out;
}
} // namespace

extern "C" {

cxs_queryparser *cxs_queryparser_new(const char *language, cxs_error *err) noexcept {
    return guarded_new<cxs_queryparser>(err, [&] {
        std::unique_ptr<cxs_queryparser> handle(new cxs_queryparser);
        handle->stem = Xapian::Stem(language ? language : "none");
        handle->qp.set_stemmer(handle->stem);
        handle->qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
        return handle.release();
    });
}

void cxs_queryparser_free(cxs_queryparser *qp) noexcept {
    try { delete qp; } catch (...) {}
}

bool cxs_queryparser_set_database(cxs_queryparser *qp, const cxs_database *db, cxs_error *err) noexcept {
    if (!qp || !db) return cxs::invalid_argument(err, "query parser or database handle is NULL");
    return guarded(err, [&] { qp->qp.set_database(db->db); });
}

bool cxs_queryparser_set_default_op(cxs_queryparser *qp, cxs_op op, cxs_error *err) noexcept {
    if (!qp) return cxs::invalid_argument(err, "query parser handle is NULL");
    return guarded(err, [&] { qp->qp.set_default_op(to_xapian(op)); });
}

bool cxs_queryparser_add_prefix(cxs_queryparser *qp, const char *field, const char *prefix, cxs_error *err) noexcept {
    if (!qp || !field || !prefix) return cxs::invalid_argument(err, "query parser handle, field or prefix is NULL");
    return guarded(err, [&] { qp->qp.add_prefix(field, prefix); });
}

bool cxs_queryparser_add_boolean_prefix(cxs_queryparser *qp, const char *field, const char *prefix, cxs_error *err) noexcept {
    if (!qp || !field || !prefix) return cxs::invalid_argument(err, "query parser handle, field or prefix is NULL");
    return guarded(err, [&] { qp->qp.add_boolean_prefix(field, prefix); });
}

bool cxs_queryparser_set_stemming_strategy(cxs_queryparser *qp, int strategy, cxs_error *err) noexcept {
    if (!qp) return cxs::invalid_argument(err, "query parser handle is NULL");
    if (strategy < 0 || strategy > 4) return cxs::invalid_argument(err, "unknown stem strategy");
    return guarded(err, [&] { qp->qp.set_stemming_strategy(static_cast<Xapian::QueryParser::stem_strategy>(strategy)); });
}

bool cxs_queryparser_set_stopwords(cxs_queryparser *qp, const char *words, size_t len, cxs_error *err) noexcept {
    if (!qp || (!words && len > 0)) return cxs::invalid_argument(err, "query parser handle or words is NULL");
    return guarded(err, [&] {
        std::string all = cxs::str(words, len);
        size_t start = 0;
        while (start <= all.size()) {
            size_t end = all.find('\n', start);
            if (end == std::string::npos) end = all.size();
            if (end > start) qp->stopper.add(all.substr(start, end - start));
            start = end + 1;
        }
        qp->qp.set_stopper(&qp->stopper);
    });
}

bool cxs_queryparser_set_max_wildcard_expansion(cxs_queryparser *qp, uint32_t max, cxs_error *err) noexcept {
    if (!qp) return cxs::invalid_argument(err, "query parser handle is NULL");
    return guarded(err, [&] { qp->qp.set_max_expansion(max, Xapian::Query::WILDCARD_LIMIT_ERROR); });
}

cxs_query *cxs_queryparser_parse(cxs_queryparser *qp, const char *text, size_t len, unsigned flags, cxs_error *err) noexcept {
    if (!qp || !text) { cxs::invalid_argument(err, "query parser handle or text is NULL"); return nullptr; }
    return guarded_new<cxs_query>(err, [&] {
        return new cxs_query{qp->qp.parse_query(std::string(text, len), to_xapian_flags(flags))};
    });
}

bool cxs_queryparser_corrected(const cxs_queryparser *qp, cxs_bytes *out, cxs_error *err) noexcept {
    if (!qp || !out) return cxs::invalid_argument(err, "query parser handle or output is NULL");
    return guarded(err, [&] { *out = cxs::copy_bytes(qp->qp.get_corrected_query_string()); });
}

cxs_query *cxs_query_match_all(cxs_error *err) noexcept {
    return guarded_new<cxs_query>(err, [] { return new cxs_query{Xapian::Query::MatchAll}; });
}

cxs_query *cxs_query_term(const char *term, size_t len, cxs_error *err) noexcept {
    if (!term) { cxs::invalid_argument(err, "term is NULL"); return nullptr; }
    return guarded_new<cxs_query>(err, [&] { return new cxs_query{Xapian::Query(std::string(term, len))}; });
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

cxs_query *cxs_query_combine(cxs_op op, const cxs_query *a, const cxs_query *b, cxs_error *err) noexcept {
    if (!a || !b) { cxs::invalid_argument(err, "query handle is NULL"); return nullptr; }
    return guarded_new<cxs_query>(err, [&] { return new cxs_query{Xapian::Query(to_xapian(op), a->query, b->query)}; });
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

cxs_termlist *cxs_query_terms(const cxs_query *q, bool *has_wildcard, cxs_error *err) noexcept {
    if (!q || !has_wildcard) { cxs::invalid_argument(err, "query handle or output is NULL"); return nullptr; }
    return guarded_new<cxs_termlist>(err, [&] {
        auto *list = new cxs_termlist;
        for (auto t = q->query.get_unique_terms_begin(); t != q->query.get_unique_terms_end(); ++t) {
            list->items.emplace_back(*t, 0);
        }
        // A wildcard's expansions are only known once matched against a database.
        *has_wildcard = q->query.get_description().find("WILDCARD") != std::string::npos;
        return list;
    });
}

void cxs_query_free(cxs_query *q) noexcept {
    try { delete q; } catch (...) {}
}

} // extern "C"
