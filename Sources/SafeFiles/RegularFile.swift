import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Opens only regular files. Every path Atrium reads may lead somewhere hostile: a FIFO that
/// blocks `open` until a writer appears, a device that never ends, a folder, a symbolic link
/// swapped in after it was checked. The file is opened with `O_NONBLOCK | O_NOFOLLOW` (so
/// neither a FIFO nor a final link can stall or redirect it), checked with `fstat` on the open
/// descriptor (no race between check and read), and read up to a size limit.
public enum RegularFile {
    /// Why a path was not read.
    public enum Refusal: Error, Equatable, Sendable, CustomStringConvertible {
        /// Nothing is there (or a link that leads nowhere).
        case missing
        /// The path's last component is a symbolic link.
        case symbolicLink
        /// Something other than a regular file: `kind` says what ("a FIFO", "a folder", …).
        case notRegular(kind: String)
        /// Larger than the limit; `size` is its size in bytes.
        case tooLarge(size: Int, limit: Int)
        /// The system refused; `reason` is its message.
        case unreadable(reason: String)

        public var description: String {
            switch self {
            case .missing: "no such file"
            case .symbolicLink: "symbolic link; not followed"
            case .notRegular(let kind): "\(kind), not a regular file; not read"
            case .tooLarge(let size, let limit): "file is \(size) bytes, over the \(limit)-byte limit; not read"
            case .unreadable(let reason): "cannot be read: \(reason)"
            }
        }
    }

    /// The cap on files the site's owner writes (configuration, repository lists, pages,
    /// templates, assets): generous, but a runaway file cannot exhaust memory.
    public static let siteFileLimit = 64 << 20

    /// The bytes of the regular file at `path`, at most `limit` of them. `followingLinks`
    /// is for the site owner's own files; a repository's files are resolved and checked to be
    /// inside the repository first, then opened without following.
    public static func read(_ path: String, limit: Int, followingLinks: Bool = false) -> Result<[UInt8], Refusal> {
        let descriptor: Int32
        let status: stat
        switch open(path, followingLinks: followingLinks) {
        case .success(let opened): (descriptor, status) = opened
        case .failure(let refusal): return .failure(refusal)
        }
        defer { close(descriptor) }
        let size = Int(status.st_size)
        guard size <= limit else { return .failure(.tooLarge(size: size, limit: limit)) }
        // Read one byte past the size it had: a file that grows while it is read is cut at the limit.
        let capacity = min(size, limit) + 1
        var bytes = [UInt8](repeating: 0, count: capacity)
        var filled = 0
        while filled < capacity {
            let count = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(descriptor, buffer.baseAddress! + filled, capacity - filled)
            }
            if count < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            if count < 0 { return .failure(.unreadable(reason: String(cString: strerror(errno)))) }
            if count == 0 { break }
            filled += count
        }
        if filled > limit { return .failure(.tooLarge(size: filled, limit: limit)) }
        bytes.removeLast(capacity - filled)
        return .success(bytes)
    }

    /// The open descriptor of the regular file at `path` and its status, checked on the
    /// descriptor itself.
    static func open(_ path: String, followingLinks: Bool) -> Result<(Int32, stat), Refusal> {
        let flags = O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC | (followingLinks ? 0 : O_NOFOLLOW)
        let descriptor = Glibc.open(path, flags)
        guard descriptor >= 0 else {
            switch errno {
            case ENOENT, ENOTDIR: return .failure(.missing)
            case ELOOP: return .failure(.symbolicLink)
            case ENXIO: return .failure(.notRegular(kind: "a socket or device"))
            default: return .failure(.unreadable(reason: String(cString: strerror(errno))))
            }
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let refusal = Refusal.unreadable(reason: String(cString: strerror(errno)))
            close(descriptor)
            return .failure(refusal)
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            return .failure(.notRegular(kind: kind(of: status.st_mode)))
        }
        return .success((descriptor, status))
    }

    /// The text of the regular file at `path`, which must be UTF-8.
    public static func text(_ path: String, limit: Int, followingLinks: Bool = false) -> Result<String, Refusal> {
        read(path, limit: limit, followingLinks: followingLinks).flatMap { bytes in
            guard let text = String(validating: bytes, as: UTF8.self) else {
                return .failure(.unreadable(reason: "not UTF-8 text"))
            }
            return .success(text)
        }
    }

    /// What a file of mode `mode` is, in words.
    public static func kind(of mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFREG: "a regular file"
        case S_IFDIR: "a folder"
        case S_IFIFO: "a FIFO (named pipe)"
        case S_IFSOCK: "a socket"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFLNK: "a symbolic link"
        default: "a special file"
        }
    }
}
