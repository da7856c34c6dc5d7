// The exception classifier and byte-string helpers. GPL-2.0-or-later.
#include "shim_internal.h"
#include <cstdlib>
#include <cstring>
#include <new>
#include <stdexcept>

namespace {
void copy_truncated(char *dest, size_t capacity, const std::string &src) noexcept {
    size_t n = src.size() < capacity - 1 ? src.size() : capacity - 1;
    std::memcpy(dest, src.data(), n);
    dest[n] = '\0';
}

void fill(cxs_error *err, cxs_status status, const std::string &type, const std::string &message) noexcept {
    if (!err) return;
    err->status = status;
    copy_truncated(err->type, sizeof err->type, type);
    copy_truncated(err->message, sizeof err->message, message);
}
} // namespace

namespace cxs {

void clear(cxs_error *err) noexcept {
    if (!err) return;
    err->status = CXS_OK;
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
            fill(err, CXS_XAPIAN_ERROR, e.get_type(), message);
        } catch (const std::bad_alloc &) {
            fill(err, CXS_NO_MEMORY, "bad_alloc", "out of memory");
        } catch (const std::exception &e) {
            fill(err, CXS_STD_ERROR, "std::exception", e.what());
        } catch (...) {
            fill(err, CXS_UNKNOWN_ERROR, "unknown", "an unknown C++ exception was thrown");
        }
    } catch (...) {
        if (err) {
            err->status = CXS_NO_MEMORY;
            err->type[0] = '\0';
            err->message[0] = '\0';
        }
    }
}

bool invalid_argument(cxs_error *err, const char *message) noexcept {
    fill(err, CXS_INVALID_ARGUMENT, "InvalidArgument", message);
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
