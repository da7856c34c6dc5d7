// The exception classifier and byte-string helpers. GPL-2.0-or-later.
#include "shim_internal.h"
#include <cstdlib>
#include <cstring>
#include <new>
#include <stdexcept>
#include <cerrno>

namespace {
void copy_truncated(char *dest, size_t capacity, const std::string &src) noexcept {
    size_t n = src.size() < capacity - 1 ? src.size() : capacity - 1;
    std::memcpy(dest, src.data(), n);
    dest[n] = '\0';
}

void fill(cxs_error *err, cxs_status status, cxs_error_kind kind, const std::string &type, const std::string &message) noexcept {
    if (!err) return;
    err->status = status;
    err->kind = kind;
    copy_truncated(err->type, sizeof err->type, type);
    copy_truncated(err->message, sizeof err->message, message);
}
// Whether the system error behind `e` is `code`. Xapian keeps only its text: in the error
// string, or (for lock files it could not make) inside the message itself.
bool system_error_is(const Xapian::Error &e, int code) noexcept {
    const char *expected = std::strerror(code);
    const char *text = e.get_error_string();
    if (text && std::strcmp(text, expected) == 0) return true;
    return e.get_msg().find(expected) != std::string::npos;
}

// Xapian's class of the exception being handled (Xapian::Error has no virtual functions, so the
// class is told by rethrowing it; called only inside a catch of Xapian::Error).
cxs_error_kind class_kind() noexcept {
    try {
        throw;
    } catch (const Xapian::DatabaseLockError &) { return CXS_KIND_LOCKED;
    } catch (const Xapian::DatabaseModifiedError &) { return CXS_KIND_MODIFIED;
    } catch (const Xapian::DatabaseNotFoundError &) { return CXS_KIND_NOT_FOUND;
    } catch (const Xapian::DatabaseOpeningError &) { return CXS_KIND_OPENING;
    } catch (const Xapian::DatabaseCorruptError &) { return CXS_KIND_CORRUPT;
    } catch (const Xapian::NetworkError &) { return CXS_KIND_NETWORK;
    } catch (const Xapian::RangeError &) { return CXS_KIND_RANGE;
    } catch (const Xapian::QueryParserError &) { return CXS_KIND_INVALID_QUERY;
    } catch (const Xapian::WildcardError &) { return CXS_KIND_INVALID_QUERY;
    } catch (const Xapian::InvalidArgumentError &) { return CXS_KIND_INVALID_ARGUMENT;
    } catch (...) { return CXS_KIND_OTHER;
    }
}

// The one place that tells Xapian's errors apart: by class, then by the system error an I/O
// failure carries (a full disk and a read-only folder arrive as plain DatabaseErrors, or as lock
// errors when the lock file cannot be made).
cxs_error_kind kind_of(const Xapian::Error &e) noexcept {
    cxs_error_kind kind = class_kind();
    if (system_error_is(e, ENOSPC) || system_error_is(e, EDQUOT)) return CXS_KIND_DISK_FULL;
    if (system_error_is(e, EROFS)) return CXS_KIND_READ_ONLY;
    bool opening = kind == CXS_KIND_OPENING || kind == CXS_KIND_NOT_FOUND;
    if (!opening && (system_error_is(e, EACCES) || system_error_is(e, EPERM))) return CXS_KIND_READ_ONLY;
    return kind;
}
} // namespace

namespace cxs {

void clear(cxs_error *err) noexcept {
    if (!err) return;
    err->status = CXS_OK;
    err->kind = CXS_KIND_OTHER;
    err->type[0] = '\0';
    err->message[0] = '\0';
}

void classify_current_exception(cxs_error *err) noexcept {
    // Building std::strings below may itself throw bad_alloc: catch that too.
    try {
        try {
            throw;
        } catch (const Xapian::Error &e) {
            std::string message = e.get_msg();
            if (!e.get_context().empty()) message += " (" + e.get_context() + ")";
            if (e.get_error_string()) message += std::string(": ") + e.get_error_string();
            fill(err, CXS_XAPIAN_ERROR, kind_of(e), e.get_type(), message);
        } catch (const std::bad_alloc &) {
            fill(err, CXS_NO_MEMORY, CXS_KIND_NO_MEMORY, "bad_alloc", "out of memory");
        } catch (const std::exception &e) {
            fill(err, CXS_STD_ERROR, CXS_KIND_OTHER, "std::exception", e.what());
        } catch (...) {
            fill(err, CXS_UNKNOWN_ERROR, CXS_KIND_OTHER, "unknown", "an unknown C++ exception was thrown");
        }
    } catch (...) {
        if (err) {
            err->status = CXS_NO_MEMORY;
            err->kind = CXS_KIND_NO_MEMORY;
            err->type[0] = '\0';
            err->message[0] = '\0';
        }
    }
}

bool invalid_argument(cxs_error *err, const char *message) noexcept {
    fill(err, CXS_INVALID_ARGUMENT, CXS_KIND_OTHER, "InvalidArgument", message);
    return false;
}

cxs_bytes copy_bytes(const std::string &s) {
    cxs_bytes out{nullptr, 0};
    out.data = static_cast<char *>(std::malloc(s.size() + 1));
    if (!out.data) throw std::bad_alloc();
    std::memcpy(out.data, s.data(), s.size());
    out.data[s.size()] = '\0';
    out.length = s.size();
    return out;
}

} // namespace cxs

extern "C" void cxs_bytes_free(cxs_bytes bytes) noexcept { std::free(bytes.data); }

extern "C" const char *cxs_version_string(void) noexcept { return Xapian::version_string(); }
