import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Tells when what a build reads has changed, by polling: the name, size and modification
/// time of every file under the folders it watches in full (the site's content and
/// templates), and of the files directly in the others (a repository folder, where only the
/// top level, `.github/`, `.gitlab/` and `docs/` hold what is read: its `node_modules` are
/// never walked).
public struct SourceWatcher: Sendable {
    public struct Folder: Sendable, Hashable {
        public var path: String
        public var recursive: Bool

        public init(path: String, recursive: Bool) {
            self.path = path
            self.recursive = recursive
        }
    }

    public let folders: [Folder]

    public init(folders: [Folder]) {
        self.folders = folders
    }

    /// A value that changes when any watched file is added, removed or changed.
    public func signature() -> Int {
        var hasher = Hasher()
        for folder in folders {
            hasher.combine(folder.path)
            walk(folder.path, recursive: folder.recursive, depth: 0, into: &hasher)
        }
        return hasher.finalize()
    }

    private func walk(_ path: String, recursive: Bool, depth: Int, into hasher: inout Hasher) {
        guard depth < 32, let directory = opendir(path) else { return }
        defer { closedir(directory) }
        var entries: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { entries.append(name) }
        }
        for name in entries.sorted() {
            let child = path + "/" + name
            var status = stat()
            guard lstat(child, &status) == 0 else { continue }
            hasher.combine(name)
            hasher.combine(status.st_size)
            hasher.combine(status.st_mtim.tv_sec)
            hasher.combine(status.st_mtim.tv_nsec)
            if (status.st_mode & S_IFMT) == S_IFDIR, recursive { walk(child, recursive: true, depth: depth + 1, into: &hasher) }
        }
    }
}
