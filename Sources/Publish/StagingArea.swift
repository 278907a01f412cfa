import CAtriumSystem
import Foundation
import Interruption
#if canImport(Glibc)
import Glibc
#endif

/// A folder next to the output where a build writes the whole site, then swaps it in at once.
///
/// Until `commit()` the published site is not touched, so a failed or interrupted build leaves
/// it exactly as it was. The output folder carries a marker file, and a folder without one is
/// never replaced: pointing `--out` at the wrong folder cannot delete it.
public final class StagingArea: Sendable {
    public struct PublishError: Error, CustomStringConvertible {
        public var description: String
    }

    static let marker = ".atrium-output"

    public let output: String
    public let path: String

    public init(replacing output: String) throws {
        let output = URL(fileURLWithPath: output).standardizedFileURL.path
        let manager = FileManager.default
        if manager.fileExists(atPath: output) {
            let entries = (try? manager.contentsOfDirectory(atPath: output)) ?? []
            guard entries.isEmpty || entries.contains(Self.marker) else {
                throw PublishError(description: "\(output) is not empty and was not written by atrium; refusing to replace it")
            }
        }
        let parent = (output as NSString).deletingLastPathComponent
        let name = (output as NSString).lastPathComponent
        self.output = output
        self.path = "\(parent)/.\(name).staging-\(getpid())"
        Self.removeAbandonedStagingFolders(in: parent, output: name)
        Interruption.removeOnInterruption(path)
        do {
            try? manager.removeItem(atPath: path)
            try manager.createDirectory(atPath: path, withIntermediateDirectories: true)
            try Data("This folder is written by atrium build and replaced whole on every build.\n".utf8)
                .write(to: URL(fileURLWithPath: path + "/" + Self.marker))
        } catch {
            throw PublishError(description: "cannot create \(path): \(error.localizedDescription)")
        }
    }

    /// A build that was killed leaves its staging folder behind: remove those whose process is
    /// gone, and never one of a build still running.
    private static func removeAbandonedStagingFolders(in parent: String, output name: String) {
        let prefix = ".\(name).staging-"
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []
        where entry.hasPrefix(prefix) {
            let digits = entry.dropFirst(prefix.count).prefix { $0.isNumber }
            guard let pid = pid_t(digits), kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(atPath: parent + "/" + entry)
        }
    }

    /// Writes `contents` at `relativePath` (`/`-separated), creating folders as needed.
    public func write(_ contents: String, to relativePath: String) throws {
        try write(Data(contents.utf8), to: relativePath)
    }

    public func write(_ contents: Data, to relativePath: String) throws {
        let target = path + "/" + relativePath
        // Open first and create folders only when that fails: most folders exist already,
        // and a build writes tens of thousands of files.
        var descriptor = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if descriptor < 0 && errno == ENOENT {
            makeFolders(for: relativePath)
            descriptor = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        }
        guard descriptor >= 0 else { throw failure("cannot write \(target)") }
        defer { close(descriptor) }
        let written = contents.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let count = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { return false }
                offset += count
            }
            return true
        }
        guard written else { throw failure("cannot write \(target)") }
    }

    /// The folders of `relativePath` below the staging folder, never the staging folder itself:
    /// once an interruption has taken it away, nothing is written back.
    private func makeFolders(for relativePath: String) {
        var folder = path
        for component in relativePath.split(separator: "/").dropLast() {
            folder += "/" + component
            if mkdir(folder, 0o755) != 0 && errno != EEXIST { return }
        }
    }

    /// Puts the staged site in place of the output in one step, then removes the old site.
    public func commit() throws {
        // An interruption waits for the swap: it removes the staging folder, which must not
        // be the new site half-way through becoming the output.
        try Interruption.uninterrupted(releasing: path) { try swap() }
        try? FileManager.default.removeItem(atPath: path + ".old")
        try? FileManager.default.removeItem(atPath: path)
    }

    private func swap() throws {
        let manager = FileManager.default
        guard manager.fileExists(atPath: output) else {
            guard rename(path, output) == 0 else { throw failure("cannot move the new site into \(output)") }
            return
        }
        if atrium_exchange_paths(path, output) == 0 { return }
        // No atomic exchange on this file system: two renames, with the old site kept aside
        // until the new one is in place.
        let aside = path + ".old"
        guard rename(output, aside) == 0 else { throw failure("cannot move \(output) aside") }
        guard rename(path, output) == 0 else {
            _ = rename(aside, output)
            throw failure("cannot move the new site into \(output)")
        }
    }

    /// Removes the staged files; the published site stays as it was.
    public func discard() {
        try? FileManager.default.removeItem(atPath: path)
        Interruption.release(path)
    }

    private func failure(_ message: String) -> PublishError {
        PublishError(description: "\(message): \(String(cString: strerror(errno)))")
    }
}
