/*
 * CFileSystem: the one Linux call postsearch needs that Swift's Glibc module does not declare.
 * GPL-2.0-or-later.
 */
#ifndef CFILESYSTEM_H
#define CFILESYSTEM_H

/* Swaps two paths atomically (renameat2 with RENAME_EXCHANGE): 0, or the errno (EINVAL or
 * ENOSYS where the file system or kernel cannot). */
int pse_exchange_paths(const char *a, const char *b);

#endif
