import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive advisory lock (`flock`) on a file, held until `release` or until the process
/// ends: the kernel drops it when a killed process's descriptors close, so a lock is never left
/// behind by a build that did not finish.
public final class FileLock: @unchecked Sendable {
    private var descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit { release() }

    /// Takes the lock on `path` (created, with missing folders below `root`), waiting while
    /// another process holds it; `waiting` is called once, when it has to wait.
    public static func acquire(_ path: String, foldersBelow root: String,
                               waiting: () -> Void) async throws(NewFile.Failure) -> FileLock {
        let flags = O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW
        var descriptor = open(path, flags, 0o644)
        if descriptor < 0 && errno == ENOENT {
            NewFile.makeFolders(for: path, below: root)
            descriptor = open(path, flags, 0o644)
        }
        guard descriptor >= 0 else { throw NewFile.Failure(path: path, reason: String(cString: strerror(errno))) }
        let lock = FileLock(descriptor: descriptor)
        var told = false
        // Polled rather than blocked on: a blocking `flock` would hold one of the few threads
        // that every task of this process shares.
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                throw NewFile.Failure(path: path, reason: String(cString: strerror(errno)))
            }
            if !told { waiting(); told = true }
            do { try await Task.sleep(nanoseconds: 50_000_000) } catch {
                throw NewFile.Failure(path: path, reason: "interrupted while another process held it")
            }
        }
        return lock
    }

    public func release() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
    }
}
