// Internal to the shim: the handle structs and the one exception classifier every entry point
// goes through. GPL-2.0-or-later.
#ifndef CXAPIANSHIM_INTERNAL_H
#define CXAPIANSHIM_INTERNAL_H

#include "include/CXapianShim.h"
#include <xapian.h>
#include <memory>
#include <string>
#include <utility>
#include <vector>

struct cxs_database { Xapian::Database db; };
struct cxs_writable { Xapian::WritableDatabase db; };
struct cxs_document { Xapian::Document doc; };
struct cxs_termgen { Xapian::TermGenerator tg; Xapian::Stem stem; };
struct cxs_query { Xapian::Query query; };
struct cxs_enquire { Xapian::Enquire enquire; explicit cxs_enquire(const Xapian::Database &db) : enquire(db) {} };
struct cxs_spy { Xapian::ValueCountMatchSpy spy; explicit cxs_spy(Xapian::valueno slot) : spy(slot) {} };
struct cxs_mset { Xapian::MSet mset; };
struct cxs_stemmer { Xapian::Stem stem; };
struct cxs_termlist { std::vector<std::pair<std::string, uint32_t>> items; };
struct cxs_docset { std::vector<uint64_t> bits; uint32_t count = 0; };  // bit d: docid d matches

namespace cxs {

// Called inside a catch block: turns the in-flight exception into `err`.
void classify_current_exception(cxs_error *err) noexcept;
// Reports a caller mistake (NULL handle, index out of range) without throwing.
bool invalid_argument(cxs_error *err, const char *message) noexcept;
void clear(cxs_error *err) noexcept;
// Copies `s` into a malloc'd cxs_bytes (throws std::bad_alloc on failure).
cxs_bytes copy_bytes(const std::string &s);

// Runs `body`; every exception becomes an error report and a `false` return.
template <typename Body>
bool guarded(cxs_error *err, Body &&body) noexcept {
    try {
        body();
        clear(err);
        return true;
    } catch (...) {
        classify_current_exception(err);
        return false;
    }
}

// Runs `make`, which returns a new handle; every exception becomes an error and NULL.
template <typename Handle, typename Make>
Handle *guarded_new(cxs_error *err, Make &&make) noexcept {
    try {
        Handle *handle = make();
        clear(err);
        return handle;
    } catch (...) {
        classify_current_exception(err);
        return nullptr;
    }
}

inline std::string str(const char *data, size_t len) { return data ? std::string(data, len) : std::string(); }

} // namespace cxs

#endif
