// Facet columns: the values of some value slots of a local database held in memory as small
// integers per document, and a match spy that counts them. Xapian's ValueCountMatchSpy looks up
// each matching document's value in the value streams and counts it in a map keyed by string,
// once per slot; this counts integers in an array, once per document. GPL-2.0-or-later.
#include "shim_internal.h"
#include <unordered_map>

using cxs::guarded;
using cxs::guarded_new;

// Compressed rows: document `did`'s value ids are ids[offsets[did]] .. ids[offsets[did + 1]].
struct cxs_facet_column {
    std::vector<std::string> names;      // value id -> value
    std::vector<uint32_t> offsets;       // docid -> first id; size lastdocid + 2
    std::vector<uint32_t> ids;
};

namespace {
class ColumnCountSpy : public Xapian::MatchSpy {
  public:
    explicit ColumnCountSpy(const cxs_facet_column &column) : column(column), counts(column.names.size(), 0) {}

    void operator()(const Xapian::Document &doc, double) override {
        Xapian::docid did = doc.get_docid();
        // A column is loaded per revision: a document beyond it has no values counted.
        if (did + 1 >= column.offsets.size()) return;
        for (uint32_t k = column.offsets[did]; k < column.offsets[did + 1]; ++k) ++counts[column.ids[k]];
    }

    const cxs_facet_column &column;
    std::vector<uint32_t> counts;
};
} // namespace

struct cxs_column_spy { ColumnCountSpy spy; explicit cxs_column_spy(const cxs_facet_column &c) : spy(c) {} };

extern "C" {

cxs_facet_column *cxs_facet_column_load(const cxs_database *db, const uint32_t *slots, size_t count, cxs_error *err) noexcept {
    if (!db || (!slots && count > 0)) { cxs::invalid_argument(err, "database handle or slots is NULL"); return nullptr; }
    return guarded_new<cxs_facet_column>(err, [&] {
        std::unique_ptr<cxs_facet_column> column(new cxs_facet_column);
        std::unordered_map<std::string, uint32_t> dictionary;
        // Each slot's value stream is in docid order; gather (docid, id) and lay them out by docid.
        std::vector<std::pair<Xapian::docid, uint32_t>> entries;
        for (size_t i = 0; i < count; ++i) {
            for (auto it = db->db.valuestream_begin(slots[i]); it != db->db.valuestream_end(slots[i]); ++it) {
                auto found = dictionary.emplace(*it, uint32_t(column->names.size()));
                if (found.second) column->names.push_back(*it);
                entries.emplace_back(it.get_docid(), found.first->second);
            }
        }
        Xapian::docid last = db->db.get_lastdocid();
        column->offsets.assign(size_t(last) + 2, 0);
        for (const auto &entry : entries) ++column->offsets[entry.first + 1];
        for (size_t did = 1; did < column->offsets.size(); ++did) column->offsets[did] += column->offsets[did - 1];
        column->ids.resize(entries.size());
        std::vector<uint32_t> next(column->offsets.begin(), column->offsets.end() - 1);
        for (const auto &entry : entries) column->ids[next[entry.first]++] = entry.second;
        return column.release();
    });
}

void cxs_facet_column_free(cxs_facet_column *column) noexcept {
    try { delete column; } catch (...) {}
}

cxs_column_spy *cxs_enquire_add_column_spy(cxs_enquire *enq, const cxs_facet_column *column, cxs_error *err) noexcept {
    if (!enq || !column) { cxs::invalid_argument(err, "enquire or column handle is NULL"); return nullptr; }
    return guarded_new<cxs_column_spy>(err, [&] {
        std::unique_ptr<cxs_column_spy> spy(new cxs_column_spy(*column));
        enq->enquire.add_matchspy(&spy->spy);
        return spy.release();
    });
}

void cxs_column_spy_free(cxs_column_spy *spy) noexcept {
    try { delete spy; } catch (...) {}
}

namespace {
cxs_termlist *counted(const cxs_facet_column &column, const std::vector<uint32_t> &counts) {
    std::unique_ptr<cxs_termlist> list(new cxs_termlist);
    for (size_t id = 0; id < counts.size(); ++id)
        if (counts[id]) list->items.emplace_back(column.names[id], counts[id]);
    return list.release();
}
} // namespace

cxs_termlist *cxs_column_spy_values(const cxs_column_spy *spy, cxs_error *err) noexcept {
    if (!spy) { cxs::invalid_argument(err, "spy handle is NULL"); return nullptr; }
    return guarded_new<cxs_termlist>(err, [&] { return counted(spy->spy.column, spy->spy.counts); });
}

cxs_termlist *cxs_facet_column_count(const cxs_facet_column *column, const cxs_docset *set, cxs_error *err) noexcept {
    if (!column || !set) { cxs::invalid_argument(err, "column or set handle is NULL"); return nullptr; }
    return guarded_new<cxs_termlist>(err, [&] {
        std::vector<uint32_t> counts(column->names.size(), 0);
        const auto &offsets = column->offsets;
        // Documents beyond the column (added after it was loaded) have no values counted.
        size_t words = std::min(set->bits.size(), (offsets.size() - 1) / 64 + 1);
        for (size_t w = 0; w < words; ++w) {
            for (uint64_t bits = set->bits[w]; bits; bits &= bits - 1) {
                size_t did = w * 64 + size_t(__builtin_ctzll(bits));
                if (did + 1 >= offsets.size()) break;
                for (uint32_t k = offsets[did]; k < offsets[did + 1]; ++k) ++counts[column->ids[k]];
            }
        }
        return counted(*column, counts);
    });
}

} // extern "C"
