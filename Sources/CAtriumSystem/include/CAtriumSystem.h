#ifndef CATRIUM_SYSTEM_H
#define CATRIUM_SYSTEM_H

/// Atomically exchanges two paths on the same file system (Linux renameat2 RENAME_EXCHANGE).
/// Returns 0 on success, -1 with errno set otherwise (EINVAL/ENOSYS where unsupported).
int atrium_exchange_paths(const char *first, const char *second);



/// pipe2(O_CLOEXEC): a pipe whose ends no other concurrently spawned process inherits.
int atrium_pipe_cloexec(int fds[2]);

#endif
