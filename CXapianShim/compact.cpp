// Compaction (what xapian-compact does). GPL-2.0-or-later.
#include "shim_internal.h"

extern "C" {

bool cxs_database_compact(cxs_database *db, const char *output, cxs_error *err) noexcept {
    if (!db || !output) return cxs::invalid_argument(err, "database handle or output is NULL");
    // FULL packs blocks as xapian-compact does by default (FULLER would make later updates
    // split every block); docids are kept, so a compacted index answers exactly as before.
    return cxs::guarded(err, [&] { db->db.compact(output, Xapian::Compactor::FULL | Xapian::DBCOMPACT_NO_RENUMBER); });
}

} // extern "C"
