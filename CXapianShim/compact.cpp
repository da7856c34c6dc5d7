// Compaction (what xapian-compact does) and the atomic swap that puts a compacted copy in place
// of the live database. GPL-2.0-or-later.
#include "shim_internal.h"
#include <cerrno>
#include <cstdio>
#include <fcntl.h>

extern "C" {

bool cxs_database_compact(cxs_database *db, const char *output, cxs_error *err) noexcept {
    if (!db || !output) return cxs::invalid_argument(err, "database handle or output is NULL");
    // FULL packs blocks as xapian-compact does by default (FULLER would make later updates
    // split every block); docids are kept, so a compacted index answers exactly as before.
    return cxs::guarded(err, [&] { db->db.compact(output, Xapian::Compactor::FULL | Xapian::DBCOMPACT_NO_RENUMBER); });
}

int cxs_exchange_paths(const char *a, const char *b) noexcept {
    if (!a || !b) return EINVAL;
    return renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE) == 0 ? 0 : errno;
}

} // extern "C"
