// Read-only and writable databases. GPL-2.0-or-later.
#include <vector>
#include "shim_internal.h"

using cxs::guarded;
using cxs::guarded_new;

namespace {
// Shared by the read-only and writable handles (WritableDatabase is a Database).
bool data_by_term(const Xapian::Database &db, const char *term, size_t len, bool *found, cxs_bytes *out, cxs_error *err) {
    return guarded(err, [&] {
        *found = false;
        *out = {nullptr, 0};
        std::string t(term, len);
        Xapian::PostingIterator it = db.postlist_begin(t);
        if (it == db.postlist_end(t)) return;
        *out = cxs::copy_bytes(db.get_document(*it).get_data());
        *found = true;
    });
}
} // namespace

extern "C" {

cxs_database *cxs_database_open(const char *path, cxs_error *err) noexcept {
    if (!path) { cxs::invalid_argument(err, "path is NULL"); return nullptr; }
    return guarded_new<cxs_database>(err, [&] { return new cxs_database{Xapian::Database(path)}; });
}

cxs_database *cxs_database_open_remote(const char *host, unsigned port, unsigned timeout_ms, unsigned connect_timeout_ms, cxs_error *err) noexcept {
    if (!host) { cxs::invalid_argument(err, "host is NULL"); return nullptr; }
    return guarded_new<cxs_database>(err, [&] {
        return new cxs_database{Xapian::Remote::open(host, port, timeout_ms, connect_timeout_ms)};
    });
}

cxs_database *cxs_database_open_program(const char *program, const char *args, unsigned timeout_ms, cxs_error *err) noexcept {
    if (!program) { cxs::invalid_argument(err, "program is NULL"); return nullptr; }
    return guarded_new<cxs_database>(err, [&] {
        return new cxs_database{Xapian::Remote::open(program, args ? args : "", timeout_ms)};
    });
}

cxs_database *cxs_database_new_empty(cxs_error *err) noexcept {
    return guarded_new<cxs_database>(err, [] { return new cxs_database{Xapian::Database()}; });
}

bool cxs_database_add_database(cxs_database *db, const cxs_database *other, cxs_error *err) noexcept {
    if (!db || !other) return cxs::invalid_argument(err, "database handle is NULL");
    return guarded(err, [&] { db->db.add_database(other->db); });
}

void cxs_database_free(cxs_database *db) noexcept {
    try { delete db; } catch (...) {}
}

bool cxs_database_reopen(cxs_database *db, bool *changed, cxs_error *err) noexcept {
    if (!db || !changed) return cxs::invalid_argument(err, "database handle or output is NULL");
    return guarded(err, [&] { *changed = db->db.reopen(); });
}

bool cxs_database_doccount(const cxs_database *db, uint32_t *count, cxs_error *err) noexcept {
    if (!db || !count) return cxs::invalid_argument(err, "database handle or output is NULL");
    return guarded(err, [&] { *count = db->db.get_doccount(); });
}

bool cxs_database_revision(const cxs_database *db, uint64_t *revision, cxs_error *err) noexcept {
    if (!db || !revision) return cxs::invalid_argument(err, "database handle or output is NULL");
    return guarded(err, [&] { *revision = db->db.get_revision(); });
}

bool cxs_database_term_exists(const cxs_database *db, const char *term, size_t len, bool *exists, cxs_error *err) noexcept {
    if (!db || !term || !exists) return cxs::invalid_argument(err, "database handle, term or output is NULL");
    return guarded(err, [&] { *exists = db->db.term_exists(std::string(term, len)); });
}

bool cxs_database_termfreq(const cxs_database *db, const char *term, size_t len, uint32_t *freq, cxs_error *err) noexcept {
    if (!db || !term || !freq) return cxs::invalid_argument(err, "database handle, term or output is NULL");
    return guarded(err, [&] { *freq = db->db.get_termfreq(std::string(term, len)); });
}

bool cxs_database_value_freq(const cxs_database *db, uint32_t slot, uint32_t *freq, cxs_error *err) noexcept {
    if (!db || !freq) return cxs::invalid_argument(err, "database handle or output is NULL");
    return guarded(err, [&] { *freq = db->db.get_value_freq(slot); });
}

bool cxs_database_metadata(const cxs_database *db, const char *key, cxs_bytes *out, cxs_error *err) noexcept {
    if (!db || !key || !out) return cxs::invalid_argument(err, "database handle, key or output is NULL");
    return guarded(err, [&] { *out = cxs::copy_bytes(db->db.get_metadata(key)); });
}

bool cxs_database_data_by_term(const cxs_database *db, const char *term, size_t len, bool *found, cxs_bytes *out, cxs_error *err) noexcept {
    if (!db || !term || !found || !out) return cxs::invalid_argument(err, "database handle, term or output is NULL");
    return data_by_term(db->db, term, len, found, out, err);
}

cxs_termlist *cxs_database_allterms(const cxs_database *db, const char *prefix, size_t len, cxs_error *err) noexcept {
    if (!db) { cxs::invalid_argument(err, "database handle is NULL"); return nullptr; }
    return guarded_new<cxs_termlist>(err, [&] {
        std::unique_ptr<cxs_termlist> list(new cxs_termlist);
        std::string p = cxs::str(prefix, len);
        for (auto it = db->db.allterms_begin(p); it != db->db.allterms_end(p); ++it)
            list->items.emplace_back(*it, it.get_termfreq());
        return list.release();
    });
}

bool cxs_database_docid_for_term(const cxs_database *db, const char *term, size_t len, uint32_t *docid, bool *found, cxs_error *err) noexcept {
    if (!db || !term || !docid || !found) return cxs::invalid_argument(err, "database handle, term or output is NULL");
    return guarded(err, [&] {
        std::string t(term, len);
        Xapian::PostingIterator it = db->db.postlist_begin(t);
        *found = it != db->db.postlist_end(t);
        *docid = *found ? *it : 0;
    });
}

bool cxs_database_last_docid(const cxs_database *db, uint32_t *docid, cxs_error *err) noexcept {
    if (!db || !docid) return cxs::invalid_argument(err, "database handle or output is NULL");
    return guarded(err, [&] { *docid = db->db.get_lastdocid(); });
}

bool cxs_database_data_by_docid(const cxs_database *db, uint32_t docid, cxs_bytes *out, cxs_error *err) noexcept {
    if (!db || !out) return cxs::invalid_argument(err, "database handle or output is NULL");
    return guarded(err, [&] { *out = cxs::copy_bytes(db->db.get_document(docid).get_data()); });
}

cxs_document *cxs_database_document(const cxs_database *db, uint32_t docid, cxs_error *err) noexcept {
    if (!db) { cxs::invalid_argument(err, "database handle is NULL"); return nullptr; }
    return guarded_new<cxs_document>(err, [&] { return new cxs_document{db->db.get_document(docid)}; });
}

bool cxs_database_spelling_suggestion(const cxs_database *db, const char *word, size_t len, unsigned max_edit_distance, cxs_bytes *out, cxs_error *err) noexcept {
    if (!db || !word || !out) return cxs::invalid_argument(err, "database handle, word or output is NULL");
    return guarded(err, [&] { *out = cxs::copy_bytes(db->db.get_spelling_suggestion(std::string(word, len), max_edit_distance)); });
}

cxs_writable *cxs_writable_open(const char *path, bool create, cxs_error *err) noexcept {
    if (!path) { cxs::invalid_argument(err, "path is NULL"); return nullptr; }
    return guarded_new<cxs_writable>(err, [&] {
        int action = create ? Xapian::DB_CREATE_OR_OPEN : Xapian::DB_OPEN;
        return new cxs_writable{Xapian::WritableDatabase(path, action)};
    });
}

cxs_writable *cxs_writable_open_scratch(const char *path, cxs_error *err) noexcept {
    if (!path) { cxs::invalid_argument(err, "path is NULL"); return nullptr; }
    return guarded_new<cxs_writable>(err, [&] {
        // Not DB_DANGEROUS: when a write fails (a full disk), Xapian then cancels the batch and
        // reports the write's own error; under DB_DANGEROUS the cancel itself fails and hides it.
        int action = Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC;
        return new cxs_writable{Xapian::WritableDatabase(path, action)};
    });
}

bool cxs_writable_revision(const cxs_writable *db, uint64_t *revision, cxs_error *err) noexcept {
    if (!db || !revision) return cxs::invalid_argument(err, "database handle or output is NULL");
    return guarded(err, [&] { *revision = db->db.get_revision(); });
}

bool cxs_writable_close(cxs_writable *db, cxs_error *err) noexcept {
    if (!db) return true;
    bool ok = guarded(err, [&] { db->db.commit(); db->db.close(); });
    cxs_writable_free(db);
    return ok;
}

void cxs_writable_free(cxs_writable *db) noexcept {
    if (!db) return;
    // Xapian's destructor commits pending changes and swallows its errors; nothing escapes.
    try { delete db; } catch (...) {}
}

bool cxs_writable_commit(cxs_writable *db, cxs_error *err) noexcept {
    if (!db) return cxs::invalid_argument(err, "database handle is NULL");
    return guarded(err, [&] { db->db.commit(); });
}

bool cxs_writable_sync_spelling(cxs_writable *db, uint32_t *changed, cxs_error *err) noexcept {
    if (!db) return cxs::invalid_argument(err, "database handle is NULL");
    return guarded(err, [&] {
        Xapian::WritableDatabase &w = db->db;
        // Unprefixed terms are the words as written (prefixes are capital letters); each one's
        // document frequency becomes its spelling frequency. Both lists are sorted: one merge pass
        // finds the differences, applied after the iterators are done.
        auto is_word = [](const std::string &term) { return !term.empty() && !(term[0] >= 'A' && term[0] <= 'Z'); };
        // Only words worth suggesting: 3 to 32 bytes of letters (any script), in at least two
        // posts. Numbers, code identifiers and one-off words (mostly typos) would fill the
        // spelling table (65% of a technical blog's index) without ever making a good suggestion.
        auto wanted_frequency = [](const std::string &term, Xapian::doccount frequency) -> long long {
            if (frequency < 2 || term.size() < 3 || term.size() > 32) return 0;
            for (unsigned char c : term) {
                if (c < 0x80 && !(c >= 'a' && c <= 'z')) return 0;
            }
            return (long long)frequency;
        };
        std::vector<std::pair<std::string, long long>> deltas;
        auto t = w.allterms_begin(), t_end = w.allterms_end();
        auto s = w.spellings_begin(), s_end = w.spellings_end();
        while (t != t_end || s != s_end) {
            if (t != t_end && !is_word(*t)) { ++t; continue; }
            if (s == s_end || (t != t_end && *t < *s)) {
                long long wanted = wanted_frequency(*t, t.get_termfreq());
                if (wanted > 0) deltas.emplace_back(*t, wanted);
                ++t;
            } else if (t == t_end || *s < *t) {
                deltas.emplace_back(*s, -(long long)s.get_termfreq());
                ++s;
            } else {
                long long delta = wanted_frequency(*t, t.get_termfreq()) - (long long)s.get_termfreq();
                if (delta != 0) deltas.emplace_back(*t, delta);
                ++t;
                ++s;
            }
        }
        for (auto &d : deltas) {
            if (d.second > 0) w.add_spelling(d.first, Xapian::termcount(d.second));
            else w.remove_spelling(d.first, Xapian::termcount(-d.second));
        }
        if (changed) *changed = uint32_t(deltas.size());
    });
}

bool cxs_writable_replace_by_term(cxs_writable *db, const char *id_term, size_t len, const cxs_document *doc, cxs_error *err) noexcept {
    if (!db || !id_term || !doc) return cxs::invalid_argument(err, "database handle, term or document is NULL");
    if (len == 0) return cxs::invalid_argument(err, "the unique id term is empty");
    return guarded(err, [&] { db->db.replace_document(std::string(id_term, len), doc->doc); });
}

bool cxs_writable_add_document(cxs_writable *db, const cxs_document *doc, uint32_t *docid, cxs_error *err) noexcept {
    if (!db || !doc || !docid) return cxs::invalid_argument(err, "database handle, document or output is NULL");
    return guarded(err, [&] { *docid = db->db.add_document(doc->doc); });
}

bool cxs_writable_keep_last_of_term(cxs_writable *db, const char *term, size_t len, uint32_t *deleted, cxs_error *err) noexcept {
    if (!db || !term || !deleted) return cxs::invalid_argument(err, "database handle, term or output is NULL");
    return guarded(err, [&] {
        std::string t(term, len);
        std::vector<Xapian::docid> docids(db->db.postlist_begin(t), db->db.postlist_end(t));
        if (!docids.empty()) docids.pop_back();
        for (Xapian::docid did : docids) db->db.delete_document(did);
        *deleted = uint32_t(docids.size());
    });
}

bool cxs_writable_delete_by_term(cxs_writable *db, const char *id_term, size_t len, cxs_error *err) noexcept {
    if (!db || !id_term) return cxs::invalid_argument(err, "database handle or term is NULL");
    return guarded(err, [&] { db->db.delete_document(std::string(id_term, len)); });
}

bool cxs_writable_doccount(const cxs_writable *db, uint32_t *count, cxs_error *err) noexcept {
    if (!db || !count) return cxs::invalid_argument(err, "database handle or output is NULL");
    return guarded(err, [&] { *count = db->db.get_doccount(); });
}

bool cxs_writable_term_exists(const cxs_writable *db, const char *term, size_t len, bool *exists, cxs_error *err) noexcept {
    if (!db || !term || !exists) return cxs::invalid_argument(err, "database handle, term or output is NULL");
    return guarded(err, [&] { *exists = db->db.term_exists(std::string(term, len)); });
}

bool cxs_writable_data_by_term(const cxs_writable *db, const char *term, size_t len, bool *found, cxs_bytes *out, cxs_error *err) noexcept {
    if (!db || !term || !found || !out) return cxs::invalid_argument(err, "database handle, term or output is NULL");
    return data_by_term(db->db, term, len, found, out, err);
}

bool cxs_writable_set_metadata(cxs_writable *db, const char *key, const char *value, size_t len, cxs_error *err) noexcept {
    if (!db || !key) return cxs::invalid_argument(err, "database handle or key is NULL");
    return guarded(err, [&] { db->db.set_metadata(key, cxs::str(value, len)); });
}

bool cxs_writable_metadata(const cxs_writable *db, const char *key, cxs_bytes *out, cxs_error *err) noexcept {
    if (!db || !key || !out) return cxs::invalid_argument(err, "database handle, key or output is NULL");
    return guarded(err, [&] { *out = cxs::copy_bytes(db->db.get_metadata(key)); });
}

} // extern "C"
