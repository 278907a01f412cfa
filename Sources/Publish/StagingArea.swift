import CAtriumSystem
public import Digest
import Foundation
import Interruption
import SafeFiles
#if canImport(Glibc)
import Glibc
#endif

/// A folder next to the output where a build writes what it publishes, then puts it in place
/// at once in `commit()`.
///
/// Until `commit()` the published site is not touched, so a failed or interrupted build leaves
/// it exactly as it was. The output folder carries a marker file, and a folder without one is
/// never replaced: pointing `--out` at the wrong folder cannot delete it.
///
/// Without a record of the published tree the whole site is staged and swapped in for the old
/// one. With one (`PublishedFiles`, from the last build), only what changed is staged: a file
/// whose bytes are the published file's, or whose page was made from the same inputs, is left
/// where it is, keeping its bytes and modification time; the commit moves each new file into
/// place, removes what is no longer published, and an interruption waits until it is done.
public final class StagingArea: @unchecked Sendable {
    public struct PublishError: Error, CustomStringConvertible {
        public var description: String

        public init(description: String) {
            self.description = description
        }
    }

    static let marker = ".atrium-output"

    public let output: String
    public let path: String
    /// Whether only changes are staged (there is a record of the published tree).
    public let stagesChanges: Bool
    /// What the previous build published in `output`: only when changes are staged.
    private let previous: [String: PublishedFiles.File]
    private let lock = NSLock()
    private var files: [String: PublishedFiles.File] = [:]
    private var staged: Set<String> = []

    public init(replacing output: String, previous: PublishedFiles? = nil) throws {
        let output = URL(fileURLWithPath: output).standardizedFileURL.path
        let manager = FileManager.default
        var isOurs = false
        if manager.fileExists(atPath: output) {
            let entries = (try? manager.contentsOfDirectory(atPath: output)) ?? []
            guard entries.isEmpty || entries.contains(Self.marker) else {
                throw PublishError(description: "\(output) is not empty and was not written by atrium; refusing to replace it")
            }
            isOurs = entries.contains(Self.marker)
        }
        let parent = (output as NSString).deletingLastPathComponent
        let name = (output as NSString).lastPathComponent
        self.output = output
        self.path = "\(parent)/.\(name).staging-\(getpid())"
        if let previous, previous.output == output, isOurs {
            self.previous = previous.files
            stagesChanges = true
        } else {
            self.previous = [:]
            stagesChanges = false
        }
        Self.removeAbandonedStagingFolders(in: parent, output: name)
        Interruption.removeOnInterruption(path)
        do {
            try? manager.removeItem(atPath: path)
            try manager.createDirectory(atPath: path, withIntermediateDirectories: true)
            if !stagesChanges {
                try Data("This folder is written by atrium build and replaced whole on every build.\n".utf8)
                    .write(to: URL(fileURLWithPath: path + "/" + Self.marker))
            }
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

    // MARK: - Writing

    /// Writes `contents` at `relativePath` (`/`-separated), creating folders as needed.
    /// - Parameter source: the digest of what the file was made from, when the caller can say:
    ///   the next build then need not make it again to know it is unchanged (`reuse`).
    public func write(_ contents: String, to relativePath: String, madeFrom source: ContentDigest? = nil) throws {
        try write(Data(contents.utf8), to: relativePath, madeFrom: source)
    }

    public func write(_ contents: Data, to relativePath: String, madeFrom source: ContentDigest? = nil) throws {
        let digest = ContentDigest.of(contents)
        if var old = previous[relativePath], old.digest == digest, isPublished(relativePath, as: old) {
            old.source = source
            record(relativePath, old, staged: false)
            return
        }
        let target = path + "/" + relativePath
        let status: stat
        do {
            status = try contents.withUnsafeBytes { buffer in
                try NewFile.create(target, contents: buffer, foldersBelow: path)
            }
        } catch {
            throw PublishError(description: "\(error)")
        }
        var file = PublishedFiles.File(status, digest: digest)
        file.source = source
        record(relativePath, file, staged: true)
    }

    /// Writes a file too large to hold in memory: `produce` calls the function it is given with
    /// each piece, in order. Like `write`, an unchanged file keeps the published one.
    public func write(to relativePath: String, madeFrom source: ContentDigest? = nil,
                      streaming produce: (_ append: (UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
        let target = path + "/" + relativePath
        let partial = target + ".partial"
        var hasher = ContentHasher()
        do {
            let stream = try NewFile.Stream(partial, foldersBelow: path)
            try produce { bytes in
                hasher.append(unframed: bytes)
                try stream.append(bytes)
            }
            let status = try stream.finish()
            let digest = hasher.finalize()
            if var old = previous[relativePath], old.digest == digest, isPublished(relativePath, as: old) {
                unlink(partial)
                old.source = source
                record(relativePath, old, staged: false)
                return
            }
            guard rename(partial, target) == 0 else {
                throw PublishError(description: "cannot write \(target): \(String(cString: strerror(errno)))")
            }
            var file = PublishedFiles.File(status, digest: digest)
            file.source = source
            record(relativePath, file, staged: true)
        } catch let error as PublishError {
            unlink(partial)
            throw error
        } catch {
            unlink(partial)
            throw PublishError(description: "\(error)")
        }
    }

    /// Leaves the published file at `relativePath` as it is when it was made from `source` and
    /// is still the file that was written; false when it must be made (then `write` it).
    public func reuse(_ relativePath: String, madeFrom source: ContentDigest) -> Bool {
        guard let old = previous[relativePath], old.source == source, isPublished(relativePath, as: old) else { return false }
        record(relativePath, old, staged: false)
        return true
    }

    /// Leaves the published file at `relativePath` as it is when it is still the file that was
    /// written; false when it is not (then make it again).
    public func keep(_ relativePath: String) -> Bool {
        guard let old = previous[relativePath], isPublished(relativePath, as: old) else { return false }
        record(relativePath, old, staged: false)
        return true
    }

    /// The bytes a recorded file will have once committed: the staged file, or the published
    /// one that is kept. Nil for a file this build has not written or kept.
    public func contents(of relativePath: String) -> Data? {
        let (known, isStaged) = lock.withLock { (files[relativePath] != nil, staged.contains(relativePath)) }
        guard known else { return nil }
        let file = (isStaged ? path : output) + "/" + relativePath
        guard case .success(let bytes) = RegularFile.read(file, limit: RegularFile.siteFileLimit) else { return nil }
        return Data(bytes)
    }

    private func isPublished(_ relativePath: String, as file: PublishedFiles.File) -> Bool {
        PublishedFiles.File.current(at: output + "/" + relativePath, digest: file.digest, source: file.source) == file
    }

    private func record(_ relativePath: String, _ file: PublishedFiles.File, staged isStaged: Bool) {
        lock.lock()
        defer { lock.unlock() }
        files[relativePath] = file
        if isStaged { staged.insert(relativePath) } else { staged.remove(relativePath) }
    }

    /// Every file of the site as it will be once committed: to save for the next build.
    public var published: PublishedFiles {
        lock.lock()
        defer { lock.unlock() }
        return PublishedFiles(output: output, files: files)
    }

    /// Files of the site left as they were, and files written.
    public var counts: (kept: Int, written: Int) {
        lock.lock()
        defer { lock.unlock() }
        return (files.count - staged.count, staged.count)
    }

    // MARK: - Committing

    /// Puts the staged site in place of the output, then removes what is left of the old one.
    public func commit() throws {
        // An interruption waits for the swap: it removes the staging folder, which must not
        // be the new site half-way through becoming the output.
        if stagesChanges {
            try Interruption.uninterrupted(releasing: path) { try applyChanges() }
        } else {
            try Interruption.uninterrupted(releasing: path) { try swap() }
            try? FileManager.default.removeItem(atPath: path + ".old")
        }
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

    /// Moves each staged file over its published name (one rename each), then removes every
    /// file of the output that is not part of the new site, and the folders that leaves empty.
    private func applyChanges() throws {
        let (files, staged) = (published.files, lock.withLock { self.staged })
        for relativePath in staged.sorted() {
            let target = output + "/" + relativePath
            var moved = rename(path + "/" + relativePath, target) == 0
            if !moved && errno == ENOENT {
                NewFile.makeFolders(for: target, below: output)
                moved = rename(path + "/" + relativePath, target) == 0
            }
            guard moved else { throw failure("cannot move \(relativePath) into \(output)") }
        }
        // Whatever else is there goes: files of the last site that are no longer published,
        // and anything put there by hand. The new site is exactly what a whole build makes.
        for relativePath in Self.files(under: output) where files[relativePath] == nil && relativePath != Self.marker {
            unlink(output + "/" + relativePath)
            var folder = (relativePath as NSString).deletingLastPathComponent
            while !folder.isEmpty, rmdir(output + "/" + folder) == 0 {
                folder = (folder as NSString).deletingLastPathComponent
            }
        }
    }

    /// Every file and symbolic link below `root`, as relative paths; folders are walked, never
    /// followed through a link.
    static func files(under root: String) -> [String] {
        var found: [String] = []
        var pending = [""]
        while let folder = pending.popLast() {
            guard let directory = opendir(folder.isEmpty ? root : root + "/" + folder) else { continue }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if name == "." || name == ".." { continue }
                let relative = folder.isEmpty ? name : folder + "/" + name
                var kind = Int32(entry.pointee.d_type)
                if kind == Int32(DT_UNKNOWN) {
                    var status = stat()
                    kind = lstat(root + "/" + relative, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
                        ? Int32(DT_DIR) : Int32(DT_REG)
                }
                if kind == Int32(DT_DIR) { pending.append(relative) } else { found.append(relative) }
            }
        }
        return found
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
