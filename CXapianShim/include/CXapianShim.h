/*
 * CXapianShim: the whole C surface postsearch uses to reach libxapian 1.4.
 *
 * Conventions (modelled on SQLite's and libgit2's C APIs):
 *  - every function is `noexcept` on the C++ side: its body catches every exception and reports
 *    it through the caller-provided `cxs_error` (never a thread-local "last error", because a
 *    Swift task may hop threads between two calls);
 *  - opaque handles, one constructor and one `_free` each; `_free(NULL)` is harmless;
 *  - byte strings cross as pointer + length (values and document data may contain NUL bytes);
 *  - whatever the shim allocates, the shim frees: `cxs_bytes` results are released with
 *    `cxs_bytes_free`, handles with their own `_free`;
 *  - a function that fails returns NULL / 0 / false and fills `err` (when `err` is not NULL).
 *
 * Copyright postsearch authors. GPL-2.0-or-later.
 */
#ifndef CXAPIANSHIM_H
#define CXAPIANSHIM_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

#ifdef __cplusplus
#define CXS_NOEXCEPT noexcept
extern "C" {
#else
#define CXS_NOEXCEPT
#endif

/* ---------------------------------------------------------------- errors */

typedef enum {
    CXS_OK = 0,
    CXS_XAPIAN_ERROR = 1,     /* a Xapian::Error: see `type` (e.g. "DatabaseLockError") */
    CXS_NO_MEMORY = 2,        /* std::bad_alloc */
    CXS_STD_ERROR = 3,        /* another std::exception */
    CXS_UNKNOWN_ERROR = 4,    /* anything else thrown */
    CXS_INVALID_ARGUMENT = 5  /* a NULL handle or out-of-range index given to the shim */
} cxs_status;

/* What went wrong, classified once here from the exception's class (and, for I/O errors, the
 * system error it carries), so that no caller matches class names or messages. */
typedef enum {
    CXS_KIND_OTHER = 0,         /* anything not listed below */
    CXS_KIND_LOCKED = 1,        /* another writer holds the database's lock */
    CXS_KIND_MODIFIED = 2,      /* the revision being read was overwritten: reopen and retry */
    CXS_KIND_NOT_FOUND = 3,     /* no database at the path */
    CXS_KIND_OPENING = 4,       /* a database that cannot be opened (not one, wrong version, unreadable) */
    CXS_KIND_CORRUPT = 5,       /* the database's files are damaged */
    CXS_KIND_NETWORK = 6,       /* a remote database did not answer (timeout, refused, closed) */
    CXS_KIND_RANGE = 7,         /* a value out of range (e.g. a term too long, a docid past the end) */
    CXS_KIND_INVALID_QUERY = 8, /* a query that cannot be run (parse error, a wildcard expanding too far) */
    CXS_KIND_DISK_FULL = 9,     /* no space left on the device */
    CXS_KIND_READ_ONLY = 10,    /* writing refused: read-only file system or no permission */
    CXS_KIND_INVALID_ARGUMENT = 11, /* Xapian refused an argument (a term over its length limit) */
    CXS_KIND_NO_MEMORY = 12
} cxs_error_kind;

/* Filled by a failing call. Strings are NUL-terminated and truncated to fit. */
typedef struct {
    cxs_status status;
    cxs_error_kind kind;
    char type[64];        /* Xapian's error class name without namespace, or "" (for messages only) */
    char message[1024];   /* Xapian's message (plus context when it has one) */
} cxs_error;

/* A byte string allocated by the shim; release with cxs_bytes_free. */
typedef struct {
    char *data;
    size_t length;
} cxs_bytes;

void cxs_bytes_free(cxs_bytes bytes) CXS_NOEXCEPT;

/* The linked libxapian's version, e.g. "1.4.22" (static storage). */
const char *cxs_version_string(void) CXS_NOEXCEPT;

/* ---------------------------------------------------------- opaque types */

typedef struct cxs_database cxs_database;       /* Xapian::Database (read-only) */
typedef struct cxs_writable cxs_writable;       /* Xapian::WritableDatabase */
typedef struct cxs_document cxs_document;       /* Xapian::Document */
typedef struct cxs_termgen cxs_termgen;         /* Xapian::TermGenerator + Stem */
typedef struct cxs_query cxs_query;             /* Xapian::Query */
typedef struct cxs_enquire cxs_enquire;         /* Xapian::Enquire */
typedef struct cxs_spy cxs_spy;                 /* Xapian::ValueCountMatchSpy */
typedef struct cxs_mset cxs_mset;               /* Xapian::MSet */
typedef struct cxs_termlist cxs_termlist;       /* a copied list of (term, frequency) */
typedef struct cxs_stemmer cxs_stemmer;         /* Xapian::Stem */

/* ------------------------------------------------------ read-only database */

/* Opens the database at `path` (a directory or a stub file). */
cxs_database *cxs_database_open(const char *path, cxs_error *err) CXS_NOEXCEPT;
/* Opens a database served by xapian-tcpsrv at host:port. `timeout_ms` bounds every operation,
 * `connect_timeout_ms` the connection (Xapian's defaults are 10000 for both). */
cxs_database *cxs_database_open_remote(const char *host, unsigned port, unsigned timeout_ms, unsigned connect_timeout_ms, cxs_error *err) CXS_NOEXCEPT;
/* Opens a database served by a program speaking Xapian's remote protocol on stdin/stdout
 * (e.g. `xapian-progsrv DB`); `args` is its argument string. */
cxs_database *cxs_database_open_program(const char *program, const char *args, unsigned timeout_ms, cxs_error *err) CXS_NOEXCEPT;
/* A database of no shards, to add shards to (cxs_database_add_database). */
cxs_database *cxs_database_new_empty(cxs_error *err) CXS_NOEXCEPT;
/* Adds the databases of `other` to `db`, to search them as one. */
bool cxs_database_add_database(cxs_database *db, const cxs_database *other, cxs_error *err) CXS_NOEXCEPT;
void cxs_database_free(cxs_database *db) CXS_NOEXCEPT;
/* Moves to the latest committed revision; *changed tells whether it moved. */
bool cxs_database_reopen(cxs_database *db, bool *changed, cxs_error *err) CXS_NOEXCEPT;
bool cxs_database_doccount(const cxs_database *db, uint32_t *count, cxs_error *err) CXS_NOEXCEPT;
bool cxs_database_revision(const cxs_database *db, uint64_t *revision, cxs_error *err) CXS_NOEXCEPT;
bool cxs_database_term_exists(const cxs_database *db, const char *term, size_t len, bool *exists, cxs_error *err) CXS_NOEXCEPT;
bool cxs_database_termfreq(const cxs_database *db, const char *term, size_t len, uint32_t *freq, cxs_error *err) CXS_NOEXCEPT;
/* How many documents have a value in `slot` (summed over every shard, local or remote). */
bool cxs_database_value_freq(const cxs_database *db, uint32_t slot, uint32_t *freq, cxs_error *err) CXS_NOEXCEPT;
/* Metadata value for `key`; an absent key gives an empty result. */
bool cxs_database_metadata(const cxs_database *db, const char *key, cxs_bytes *out, cxs_error *err) CXS_NOEXCEPT;
/* Document data of the first document indexed by `term`; *found is false when none is. */
bool cxs_database_data_by_term(const cxs_database *db, const char *term, size_t len, bool *found, cxs_bytes *out, cxs_error *err) CXS_NOEXCEPT;
/* All terms starting with `prefix`, with their document frequencies. */
cxs_termlist *cxs_database_allterms(const cxs_database *db, const char *prefix, size_t len, cxs_error *err) CXS_NOEXCEPT;
/* The id of the first document indexed by `term`; *found is false when none is. */
bool cxs_database_docid_for_term(const cxs_database *db, const char *term, size_t len, uint32_t *docid, bool *found, cxs_error *err) CXS_NOEXCEPT;
/* The highest docid in use (0 for an empty database). */
bool cxs_database_last_docid(const cxs_database *db, uint32_t *docid, cxs_error *err) CXS_NOEXCEPT;
/* The data of document `docid` (which must exist). */
bool cxs_database_data_by_docid(const cxs_database *db, uint32_t docid, cxs_bytes *out, cxs_error *err) CXS_NOEXCEPT;
/* Document `docid` as stored (terms, positions, values, data are read from `db` when it is
 * written elsewhere): for copying a post from one database to another. */
cxs_document *cxs_database_document(const cxs_database *db, uint32_t docid, cxs_error *err) CXS_NOEXCEPT;
/* Spelling suggestion for one word (empty result when none), within `max_edit_distance`. */
bool cxs_database_spelling_suggestion(const cxs_database *db, const char *word, size_t len, unsigned max_edit_distance, cxs_bytes *out, cxs_error *err) CXS_NOEXCEPT;

/* ------------------------------------------------------ writable database */

/* Opens the database at `path`, creating it when `create` is true and it does not exist.
 * A second writer gets CXS_XAPIAN_ERROR with type "DatabaseLockError". */
cxs_writable *cxs_writable_open(const char *path, bool create, cxs_error *err) CXS_NOEXCEPT;
/* Creates (or overwrites) a scratch database at `path` for a bulk build nobody reads before it
 * is merged: never synced (DB_NO_SYNC), so a crash may leave it unusable, which is fine for a
 * part thrown away after a failed import. */
cxs_writable *cxs_writable_open_scratch(const char *path, cxs_error *err) CXS_NOEXCEPT;
bool cxs_writable_revision(const cxs_writable *db, uint64_t *revision, cxs_error *err) CXS_NOEXCEPT;
/* Commits pending changes (if any), releases the lock and frees the handle, reporting a
 * failed commit (the handle is freed either way). */
bool cxs_writable_close(cxs_writable *db, cxs_error *err) CXS_NOEXCEPT;
/* Frees the handle and releases the lock. Xapian's destructor commits pending changes and
 * swallows any error: call cxs_writable_commit or cxs_writable_close first to see errors. */
void cxs_writable_free(cxs_writable *db) CXS_NOEXCEPT;
bool cxs_writable_commit(cxs_writable *db, cxs_error *err) CXS_NOEXCEPT;
/* Makes the spelling dictionary match the database's words: each unprefixed term of 3 to 32
 * letters held by at least two documents, with its document frequency; other words are
 * removed. `changed` (may be NULL) receives how many words changed. Cheaper than FLAG_SPELLING
 * at indexing time (once per word, not per occurrence); call after a batch of changes, then
 * commit. */
bool cxs_writable_sync_spelling(cxs_writable *db, uint32_t *changed, cxs_error *err) CXS_NOEXCEPT;
/* Replaces the document indexed by `id_term` (adds it when absent). */
bool cxs_writable_replace_by_term(cxs_writable *db, const char *id_term, size_t len, const cxs_document *doc, cxs_error *err) CXS_NOEXCEPT;
/* Adds a document whose id is known to be new (no lookup of an id term); *docid receives its id. */
bool cxs_writable_add_document(cxs_writable *db, const cxs_document *doc, uint32_t *docid, cxs_error *err) CXS_NOEXCEPT;
/* Deletes every document indexed by `term` but the one with the highest docid (the newest of
 * merged copies); *deleted receives how many went. */
bool cxs_writable_keep_last_of_term(cxs_writable *db, const char *term, size_t len, uint32_t *deleted, cxs_error *err) CXS_NOEXCEPT;
bool cxs_writable_delete_by_term(cxs_writable *db, const char *id_term, size_t len, cxs_error *err) CXS_NOEXCEPT;
bool cxs_writable_doccount(const cxs_writable *db, uint32_t *count, cxs_error *err) CXS_NOEXCEPT;
bool cxs_writable_term_exists(const cxs_writable *db, const char *term, size_t len, bool *exists, cxs_error *err) CXS_NOEXCEPT;
/* Document data of the first document indexed by `term`; *found is false when none is. */
bool cxs_writable_data_by_term(const cxs_writable *db, const char *term, size_t len, bool *found, cxs_bytes *out, cxs_error *err) CXS_NOEXCEPT;
bool cxs_writable_set_metadata(cxs_writable *db, const char *key, const char *value, size_t len, cxs_error *err) CXS_NOEXCEPT;
bool cxs_writable_metadata(const cxs_writable *db, const char *key, cxs_bytes *out, cxs_error *err) CXS_NOEXCEPT;

/* --------------------------------------------------------------- documents */

cxs_document *cxs_document_new(cxs_error *err) CXS_NOEXCEPT;
void cxs_document_free(cxs_document *doc) CXS_NOEXCEPT;
bool cxs_document_set_data(cxs_document *doc, const char *data, size_t len, cxs_error *err) CXS_NOEXCEPT;
bool cxs_document_add_value(cxs_document *doc, uint32_t slot, const char *value, size_t len, cxs_error *err) CXS_NOEXCEPT;
/* A term with no positions and wdf 0: for filters and the unique id. */
bool cxs_document_add_boolean_term(cxs_document *doc, const char *term, size_t len, cxs_error *err) CXS_NOEXCEPT;

/* ---------------------------------------------------------- term generator */

/* `language`: a Snowball stemmer name ("english", "en", "none", ...). An unknown name fails
 * with kind CXS_KIND_INVALID_ARGUMENT. Chinese, Japanese and Korean text is indexed as character
 * n-grams (Xapian's FLAG_CJK_NGRAM): each character with its position, each pair without. `stem_strategy`: 0 STEM_NONE, 1 STEM_SOME, 2 STEM_ALL,
 * 3 STEM_ALL_Z, 4 STEM_SOME_FULL_POS. */
cxs_termgen *cxs_termgen_new(const char *language, int stem_strategy, cxs_error *err) CXS_NOEXCEPT;
void cxs_termgen_free(cxs_termgen *tg) CXS_NOEXCEPT;
/* Directs the following index_text calls at `doc` and resets the term position. */
bool cxs_termgen_set_document(cxs_termgen *tg, cxs_document *doc, cxs_error *err) CXS_NOEXCEPT;
bool cxs_termgen_index_text(cxs_termgen *tg, const char *text, size_t len, uint32_t wdf_inc, const char *prefix, cxs_error *err) CXS_NOEXCEPT;
/* The unprefixed terms `text` gives (as index_text would make them, not stemmed when the
 * generator's strategy is 0), each with its position (the frequency field), in the order they
 * were written; terms with no position (CJK character pairs) come last with position 0.
 * For analysing query words exactly as posts are analysed. */
cxs_termlist *cxs_termgen_terms_of(cxs_termgen *tg, const char *text, size_t len, cxs_error *err) CXS_NOEXCEPT;
/* Leaves a gap in term positions so a phrase cannot span two fields. */
bool cxs_termgen_increase_termpos(cxs_termgen *tg, uint32_t delta, cxs_error *err) CXS_NOEXCEPT;

/* ------------------------------------------------------------------ queries */

typedef enum {
    CXS_OP_AND = 0, CXS_OP_OR = 1, CXS_OP_AND_NOT = 2, CXS_OP_FILTER = 3, CXS_OP_AND_MAYBE = 4,
    CXS_OP_XOR = 5, CXS_OP_SYNONYM = 6, CXS_OP_PHRASE = 7, CXS_OP_NEAR = 8
} cxs_op;

cxs_query *cxs_query_match_all(cxs_error *err) CXS_NOEXCEPT;
/* One term, with its query-term frequency and its position in the query (0: none). */
cxs_query *cxs_query_term(const char *term, size_t len, uint32_t wqf, uint32_t position, cxs_error *err) CXS_NOEXCEPT;
/* Combines `count` queries with `op` (none is consumed). `window` is for PHRASE and NEAR: the
 * span, in words, the terms must fall within (0: as many as there are terms). */
cxs_query *cxs_query_combine_list(cxs_op op, const cxs_query *const *queries, size_t count, uint32_t window, cxs_error *err) CXS_NOEXCEPT;
/* The terms starting with `prefix`, as one OP_SYNONYM. With `keep_most_frequent`, only the
 * `max_expansion` most frequent are kept; otherwise more than that fails the match with kind
 * CXS_KIND_INVALID_QUERY. */
cxs_query *cxs_query_wildcard(const char *prefix, size_t len, uint32_t max_expansion, bool keep_most_frequent, cxs_error *err) CXS_NOEXCEPT;
/* Documents whose value in `slot` lies in [low, high] (byte-wise comparison). An empty `low`
 * means no lower bound; a NULL `high` means no upper bound. */
cxs_query *cxs_query_value_range(uint32_t slot, const char *low, size_t low_len, const char *high, size_t high_len, cxs_error *err) CXS_NOEXCEPT;
/* A weight per document from the value in `slot`: `weights[i]` where the value is `keys[i]`,
 * `default_weight` elsewhere (Xapian's ValueMapPostingSource, which remote shards know too). */
cxs_query *cxs_query_value_weights(uint32_t slot, const char *const *keys, const size_t *key_lengths, const double *weights,
                                   size_t count, double default_weight, cxs_error *err) CXS_NOEXCEPT;
/* Multiplies the weight of `q` by zero: a pure filter. */
cxs_query *cxs_query_scale(const cxs_query *q, double factor, cxs_error *err) CXS_NOEXCEPT;
bool cxs_query_is_empty(const cxs_query *q) CXS_NOEXCEPT;
bool cxs_query_description(const cxs_query *q, cxs_bytes *out, cxs_error *err) CXS_NOEXCEPT;
void cxs_query_free(cxs_query *q) CXS_NOEXCEPT;

/* ----------------------------------------------------------------- enquire */

cxs_enquire *cxs_enquire_new(const cxs_database *db, cxs_error *err) CXS_NOEXCEPT;
void cxs_enquire_free(cxs_enquire *enq) CXS_NOEXCEPT;
bool cxs_enquire_set_query(cxs_enquire *enq, const cxs_query *q, cxs_error *err) CXS_NOEXCEPT;
bool cxs_enquire_sort_by_relevance(cxs_enquire *enq, cxs_error *err) CXS_NOEXCEPT;
/* Sorts by the value in `slot` (descending when `reverse`), ties broken by relevance. */
bool cxs_enquire_sort_by_value(cxs_enquire *enq, uint32_t slot, bool reverse, cxs_error *err) CXS_NOEXCEPT;
/* Weighs with BM25 using these parameters (Xapian's defaults: 1, 0, 1, 0.5, 0.5); a `delta`
 * above 0 uses BM25+ (a floor for matching terms in long documents). */
bool cxs_enquire_set_bm25(cxs_enquire *enq, double k1, double k2, double k3, double b, double min_normlen, double delta, cxs_error *err) CXS_NOEXCEPT;
/* Gives up refining the match after `seconds` (0 disables). */
bool cxs_enquire_set_time_limit(cxs_enquire *enq, double seconds, cxs_error *err) CXS_NOEXCEPT;
/* Registers a counter of the values in `slot`. The spy belongs to the caller, must outlive
 * the get_mset calls that feed it, and counts every document the match examines. */
cxs_spy *cxs_enquire_add_value_count_spy(cxs_enquire *enq, uint32_t slot, cxs_error *err) CXS_NOEXCEPT;
/* Runs the match: `max` hits from rank `first`, examining at least `check_at_least` documents
 * (give the document count for exact totals and facet counts). */
cxs_mset *cxs_enquire_mset(cxs_enquire *enq, uint32_t first, uint32_t max, uint32_t check_at_least, cxs_error *err) CXS_NOEXCEPT;

/* Up to `max_terms` terms that best characterise the documents `docids` (Xapian's relevance
 * feedback: an RSet of those documents, then its ESet). Only free-text terms are proposed:
 * unprefixed ones and stemmed ("Z") ones, never filter or field terms. */
cxs_termlist *cxs_enquire_expand(cxs_enquire *enq, const uint32_t *docids, size_t count, uint32_t max_terms, cxs_error *err) CXS_NOEXCEPT;

/* ----------------------------------------------------------------- stemmer */

/* A Snowball stemmer (`language` as for cxs_termgen_new). */
cxs_stemmer *cxs_stemmer_new(const char *language, cxs_error *err) CXS_NOEXCEPT;
void cxs_stemmer_free(cxs_stemmer *stemmer) CXS_NOEXCEPT;
/* The stem of one lower-case word. */
bool cxs_stemmer_stem(const cxs_stemmer *stemmer, const char *word, size_t len, cxs_bytes *out, cxs_error *err) CXS_NOEXCEPT;

/* -------------------------------------------------------------- match spy */

void cxs_spy_free(cxs_spy *spy) CXS_NOEXCEPT;
/* Every (value, count) the spy has counted, in value order. */
cxs_termlist *cxs_spy_values(const cxs_spy *spy, cxs_error *err) CXS_NOEXCEPT;

/* --------------------------------------------------------------- compaction */

/* Writes a compacted copy of `db` (a local database) into the new folder `output`, as
 * xapian-compact does: same documents, docids and revision-independent contents. `level`:
 * 0 STANDARD (items never split), 1 FULL (xapian-compact's default), 2 FULLER. */
bool cxs_database_compact(cxs_database *db, const char *output, int level, cxs_error *err) CXS_NOEXCEPT;
/* Merges the local databases at `sources` into the new folder `output` with Xapian's compactor:
 * docids renumbered, each source's documents after the previous source's; a metadata key set in
 * several sources takes the last one's value. `level` as for cxs_database_compact. */
bool cxs_databases_merge(const char *const *sources, size_t count, const char *output, int level, cxs_error *err) CXS_NOEXCEPT;

/* ------------------------------------------------------------ facet columns */

/* The values of `slots` of a local database, held in memory per document (one load per
 * revision: documents added later have no values in it). Not for remote databases. */
typedef struct cxs_facet_column cxs_facet_column;
typedef struct cxs_column_spy cxs_column_spy;
cxs_facet_column *cxs_facet_column_load(const cxs_database *db, const uint32_t *slots, size_t count, cxs_error *err) CXS_NOEXCEPT;
void cxs_facet_column_free(cxs_facet_column *column) CXS_NOEXCEPT;
/* Counts the column's values of every matching document (the column must outlive the spy). */
cxs_column_spy *cxs_enquire_add_column_spy(cxs_enquire *enq, const cxs_facet_column *column, cxs_error *err) CXS_NOEXCEPT;
void cxs_column_spy_free(cxs_column_spy *spy) CXS_NOEXCEPT;
/* Every (value, count) counted, count > 0, in no particular order. */
cxs_termlist *cxs_column_spy_values(const cxs_column_spy *spy, cxs_error *err) CXS_NOEXCEPT;

/* The documents `q` matches in the local database `db`, read from its terms' posting lists
 * without running a match. NULL with *supported false (and no error) when the query has a part
 * that needs the match: phrases, NEAR, value ranges, posting sources, wildcards. */
typedef struct cxs_docset cxs_docset;
cxs_docset *cxs_docset_of_query(const cxs_database *db, const cxs_query *q, bool *supported, cxs_error *err) CXS_NOEXCEPT;
uint32_t cxs_docset_count(const cxs_docset *set) CXS_NOEXCEPT;
void cxs_docset_free(cxs_docset *set) CXS_NOEXCEPT;
/* Every (value, count) of the column's values over the documents of `set`, count > 0, in no
 * particular order (the set and the column must come from the same database and revision). */
cxs_termlist *cxs_facet_column_count(const cxs_facet_column *column, const cxs_docset *set, cxs_error *err) CXS_NOEXCEPT;

/* ---------------------------------------------------------------- term list */

void cxs_termlist_free(cxs_termlist *list) CXS_NOEXCEPT;
size_t cxs_termlist_count(const cxs_termlist *list) CXS_NOEXCEPT;
/* Borrowed pointer into the list, valid until cxs_termlist_free; NULL when out of range. */
const char *cxs_termlist_term(const cxs_termlist *list, size_t index, size_t *len) CXS_NOEXCEPT;
uint32_t cxs_termlist_freq(const cxs_termlist *list, size_t index) CXS_NOEXCEPT;

/* --------------------------------------------------------------------- mset */

void cxs_mset_free(cxs_mset *mset) CXS_NOEXCEPT;
uint32_t cxs_mset_size(const cxs_mset *mset) CXS_NOEXCEPT;
/* The highest weight any document could have had for the match's query. */
bool cxs_mset_max_possible(const cxs_mset *mset, double *weight, cxs_error *err) CXS_NOEXCEPT;
/* Xapian's estimate, lower and upper bound of the number of matches (exact when all agree). */
bool cxs_mset_matches(const cxs_mset *mset, uint32_t *estimated, uint32_t *lower, uint32_t *upper, cxs_error *err) CXS_NOEXCEPT;
bool cxs_mset_weight(const cxs_mset *mset, uint32_t index, double *weight, cxs_error *err) CXS_NOEXCEPT;
bool cxs_mset_data(const cxs_mset *mset, uint32_t index, cxs_bytes *out, cxs_error *err) CXS_NOEXCEPT;
/* The docid of the hit at `index` (in the searched database's numbering: over N shards, shard
 * (docid - 1) % N holds it as (docid - 1) / N + 1). */
bool cxs_mset_docid(const cxs_mset *mset, uint32_t index, uint32_t *docid, cxs_error *err) CXS_NOEXCEPT;

#ifdef __cplusplus
}
#endif
#endif
