#ifndef CATRIUM_SYSTEM_H
#define CATRIUM_SYSTEM_H

#include <stddef.h>
#include <stdint.h>

/// Atomically exchanges two paths on the same file system (Linux renameat2 RENAME_EXCHANGE).
/// Returns 0 on success, -1 with errno set otherwise (EINVAL/ENOSYS where unsupported).
int atrium_exchange_paths(const char *first, const char *second);



/// Gives the memory the allocator holds free back to the system (glibc's malloc_trim): a
/// step's temporary tables are freed in many small pieces, which the allocator otherwise keeps.
void atrium_release_free_memory(void);

/// pipe2(O_CLOEXEC): a pipe whose ends no other concurrently spawned process inherits.
int atrium_pipe_cloexec(int fds[2]);

/// SHA-256, streamed: init, update any number of times, final.
typedef struct {
    uint32_t state[8];
    uint64_t length;
    uint8_t buffer[64];
    size_t buffered;
} atrium_sha256;

void atrium_sha256_init(atrium_sha256 *context);
void atrium_sha256_update(atrium_sha256 *context, const void *data, size_t count);
void atrium_sha256_final(atrium_sha256 *context, uint8_t digest[32]);
/// Whether hashing uses the processor's SHA instructions from now on: with `allowed` 0, never
/// (the portable loop, for tests that compare the two); with 1, when the processor has them.
int atrium_sha256_uses_hardware(int allowed);

#endif
