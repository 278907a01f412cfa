#ifndef CATRIUM_SYSTEM_H
#define CATRIUM_SYSTEM_H

/// Atomically exchanges two paths on the same file system (Linux renameat2 RENAME_EXCHANGE).
/// Returns 0 on success, -1 with errno set otherwise (EINVAL/ENOSYS where unsupported).
int atrium_exchange_paths(const char *first, const char *second);

#endif
