// Compaction and merging (what xapian-compact does). GPL-2.0-or-later.
#include "shim_internal.h"

namespace {
// When several sources set one metadata key, the last source's value wins: sources are given
// oldest first, so the bookkeeping of the newest import (revision, stemmers, slot counts) is kept.
class LastSourceWins : public Xapian::Compactor {
  public:
    std::string resolve_duplicate_metadata(const std::string &, size_t num_tags, const std::string tags[]) override {
        return tags[num_tags - 1];
    }
};

unsigned level_flag(int level) {
    return level <= 0 ? Xapian::Compactor::STANDARD : level == 1 ? Xapian::Compactor::FULL : Xapian::Compactor::FULLER;
}
} // namespace

extern "C" {

bool cxs_database_compact(cxs_database *db, const char *output, int level, cxs_error *err) noexcept {
    if (!db || !output) return cxs::invalid_argument(err, "database handle or output is NULL");
    // Docids are kept, so a compacted index answers exactly as before.
    return cxs::guarded(err, [&] { db->db.compact(output, level_flag(level) | Xapian::DBCOMPACT_NO_RENUMBER); });
}

bool cxs_databases_merge(const char *const *sources, size_t count, const char *output, int level, cxs_error *err) noexcept {
    if (!sources || count == 0 || !output) return cxs::invalid_argument(err, "sources or output is NULL");
    return cxs::guarded(err, [&] {
        Xapian::Database all;
        for (size_t i = 0; i < count; ++i) all.add_database(Xapian::Database(sources[i]));
        LastSourceWins compactor;
        // Renumbered: each source's documents follow the previous source's, in order.
        all.compact(output, level_flag(level), 0, compactor);
    });
}

} // extern "C"
