#if canImport(Glibc)
import Glibc
#endif

/// Reads a regular file front to back through a buffer, for files too large to hold whole
/// (the build cache's postings at 50,000 projects). Opened as `RegularFile.read` opens a file.
public final class FileReader {
    public let path: String
    /// The file's size when it was opened.
    public let size: Int
    /// Bytes handed out so far.
    public private(set) var offset = 0
    private let descriptor: Int32
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0

    /// - Parameter bufferSize: bytes read at a time (a merge holds dozens of readers open).
    public init(_ path: String, bufferSize: Int = 1 << 18) throws(RegularFile.Refusal) {
        let (descriptor, status) = try RegularFile.open(path, followingLinks: false).get()
        self.path = path
        self.descriptor = descriptor
        size = Int(status.st_size)
        buffer = [UInt8](repeating: 0, count: max(16, bufferSize))
    }

    deinit { close(descriptor) }

    public var isAtEnd: Bool {
        get throws(RegularFile.Refusal) {
            if start < end { return false }
            try fill()
            return start == end
        }
    }

    /// Exactly `count` bytes, or nil when the file ends first.
    public func read(_ count: Int) throws(RegularFile.Refusal) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        while bytes.count < count {
            if start == end {
                try fill()
                if start == end { return nil }
            }
            let taken = min(count - bytes.count, end - start)
            bytes.append(contentsOf: buffer[start..<start + taken])
            start += taken
            offset += taken
        }
        return bytes
    }

    /// A little-endian UInt32, or nil when the file ends first.
    public func readUInt32() throws(RegularFile.Refusal) -> UInt32? {
        if end - start >= 4 {
            let value = buffer.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: start, as: UInt32.self)) }
            start += 4
            offset += 4
            return value
        }
        guard let bytes = try read(4) else { return nil }
        return bytes.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self)) }
    }

    /// Hands the rest of the file to `body` piece by piece, as it lies in the buffer.
    public func forEachPiece(_ body: (UnsafeRawBufferPointer) -> Void) throws(RegularFile.Refusal) {
        while try !isAtEnd {
            buffer.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
            offset += end - start
            start = end
        }
    }

    private func fill() throws(RegularFile.Refusal) {
        start = 0
        end = 0
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            if count < 0 { throw .unreadable(reason: String(cString: strerror(errno))) }
            end = count
            return
        }
    }
}
