public import AtriumModel
public import Digest
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a build put in the published tree: for each file, its digest and the stat that shows
/// it is still the file that was written. The next build keeps such a file by hard link, so
/// that an unchanged page keeps its bytes and its modification time.
public struct PublishedFiles: Sendable, Codable, Equatable {
    public struct File: Sendable, Codable, Hashable {
        public var digest: ContentDigest
        public var size: Int
        /// Modification time in nanoseconds since 1970, and the inode: a file edited or
        /// replaced in place since the build no longer matches.
        public var modified: Int64
        public var inode: UInt64
        /// The digest of what the file was made from, when its maker said (a project page:
        /// its repository's key), so that an unchanged page need not be made to be kept.
        public var source: ContentDigest?
    }

    /// The output folder, standardised.
    public var output: String
    /// By path relative to the output, `/`-separated.
    public var files: [String: File]

    public init(output: String, files: [String: File] = [:]) {
        self.output = output
        self.files = files
    }
}

extension PublishedFiles.File {
    /// The file at `path` as it is now, or nil when it is not a regular file.
    static func current(at path: String, digest: ContentDigest, source: ContentDigest?) -> Self? {
        var status = stat()
        guard lstat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        var file = Self(status, digest: digest)
        file.source = source
        return file
    }

    init(_ status: stat, digest: ContentDigest) {
        self.digest = digest
        size = Int(status.st_size)
        modified = Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
        inode = UInt64(status.st_ino)
    }
}

extension ContentHasher {
    /// Every field of a summary: what a card and a facet show of a project.
    public mutating func combine(_ summary: ProjectSummary) {
        combine(summary.slug)
        combine(summary.name)
        combine(summary.description)
        combine(summary.owners.count)
        for owner in summary.owners { combine(owner) }
        combine(summary.topics.count)
        for topic in summary.topics { combine(topic) }
        combine(summary.accepts.count)
        for type in summary.accepts { combine(type) }
        combine(summary.level?.rawValue)
        combine(summary.score)
        combine(summary.hasReviewCommitment)
        combine(summary.language)
        combine(summary.lastCommit)
    }
}
