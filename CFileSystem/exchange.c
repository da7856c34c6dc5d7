// renameat2(RENAME_EXCHANGE), which Swift's Glibc module does not declare. GPL-2.0-or-later.
#define _GNU_SOURCE
#include "include/CFileSystem.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>

int pse_exchange_paths(const char *a, const char *b) {
    if (!a || !b) return EINVAL;
    return renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE) == 0 ? 0 : errno;
}
