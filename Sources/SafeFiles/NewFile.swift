import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes files without Foundation's extra work (no fsync, no path resolution): a build
/// writes tens of thousands of them, and the build cache checks what it reads anyway.
public enum NewFile {
    public struct Failure: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "cannot write \(path): \(reason)" }

        public init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }
    }

    /// Creates the file at `path` with `contents`, never writing through a name that exists
    /// (it may be a hard link to a published file, which must not change); creates missing
    /// folders below `root`. Returns the new file's status.
    @discardableResult
    public static func create(_ path: String, contents: UnsafeRawBufferPointer, foldersBelow root: String) throws(Failure) -> stat {
        let descriptor = try openNew(path, foldersBelow: root)
        defer { close(descriptor) }
        try writeAll(contents, to: descriptor, path: path)
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw failure(path) }
        return status
    }

    /// Writes every byte, through short writes and interruptions.
    private static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32, path: String) throws(Failure) {
        var offset = 0
        while offset < bytes.count {
            let count = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw failure(path) }
            offset += count
        }
    }

    /// Replaces the file at `path` in one step (written beside it, then renamed): a process
    /// killed half-way leaves the old file or the new one, never half of one. `write` gives the
    /// content piece by piece (a header, then tens of megabytes not copied behind it); when it
    /// throws, the old file stays and nothing is left beside it.
    public static func replace(_ path: String, foldersBelow root: String,
                               writing write: (Stream) throws(Failure) -> Void) throws(Failure) {
        let temporary = "\(path).\(getpid()).tmp"
        do throws(Failure) {
            let file = try Stream(temporary, foldersBelow: root)
            try write(file)
            _ = try file.finish()
        } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let error = failure(path)
            unlink(temporary)
            throw error
        }
    }

    /// A new file written piece by piece, for what is too large to hold in memory whole:
    /// created as `create` creates one, written through a buffer.
    public final class Stream {
        public let path: String
        private let descriptor: Int32
        private var buffer: [UInt8] = []
        private static let bufferSize = 1 << 18

        public init(_ path: String, foldersBelow root: String) throws(Failure) {
            let descriptor = try openNew(path, foldersBelow: root)
            self.path = path
            self.descriptor = descriptor
            buffer.reserveCapacity(Self.bufferSize)
        }

        deinit { close(descriptor) }

        public func append(_ bytes: UnsafeRawBufferPointer) throws(Failure) {
            if buffer.count + bytes.count > Self.bufferSize { try flush() }
            if bytes.count >= Self.bufferSize {
                try writeAll(bytes)
            } else {
                buffer.append(contentsOf: bytes)
            }
        }

        /// `Data` or `[UInt8]`, where they lie.
        public func append(contentsOf bytes: some ContiguousBytes) throws(Failure) {
            var failed: Failure?
            bytes.withUnsafeBytes { buffer in
                do throws(Failure) { try append(buffer) } catch { failed = error }
            }
            if let failed { throw failed }
        }

        /// Puts `bytes` over what was written at `offset`: for a header whose content (a
        /// digest of what follows it) is known only at the end.
        public func overwrite(_ bytes: [UInt8], at offset: Int) throws(Failure) {
            try flush()
            var written = 0
            while written < bytes.count {
                let count = bytes.withUnsafeBytes {
                    pwrite(descriptor, $0.baseAddress! + written, bytes.count - written, off_t(offset + written))
                }
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { throw failure(path) }
                written += count
            }
        }

        /// Writes what is buffered; the file's status after it.
        public func finish() throws(Failure) -> stat {
            try flush()
            var status = stat()
            guard fstat(descriptor, &status) == 0 else { throw failure(path) }
            return status
        }

        private func flush() throws(Failure) {
            guard !buffer.isEmpty else { return }
            let pending = buffer
            buffer.removeAll(keepingCapacity: true)
            var failed: Failure?
            pending.withUnsafeBytes { bytes in
                do throws(Failure) { try writeAll(bytes) } catch { failed = error }
            }
            if let failed { throw failed }
        }

        private func writeAll(_ bytes: UnsafeRawBufferPointer) throws(Failure) {
            try NewFile.writeAll(bytes, to: descriptor, path: path)
        }
    }

    /// A new file's descriptor: never opened through a name that exists (the name is removed
    /// first), missing folders below `root` made.
    private static func openNew(_ path: String, foldersBelow root: String) throws(Failure) -> Int32 {
        let flags = O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW
        var descriptor = open(path, flags, 0o644)
        if descriptor < 0 && errno == ENOENT {
            makeFolders(for: path, below: root)
            descriptor = open(path, flags, 0o644)
        } else if descriptor < 0 && errno == EEXIST {
            unlink(path)
            descriptor = open(path, flags, 0o644)
        }
        guard descriptor >= 0 else { throw failure(path) }
        return descriptor
    }

    /// The folders of `path` below `root`, never `root` itself: once it is gone (an
    /// interrupted build removes its staging folder), nothing is written back.
    public static func makeFolders(for path: String, below root: String) {
        guard path.hasPrefix(root + "/") else { return }
        var folder = root
        for component in path.dropFirst(root.count + 1).split(separator: "/").dropLast() {
            folder += "/" + component
            if mkdir(folder, 0o755) != 0 && errno != EEXIST { return }
        }
    }

    private static func failure(_ path: String) -> Failure {
        Failure(path: path, reason: String(cString: strerror(errno)))
    }
}
