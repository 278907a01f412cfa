import AtriumModel
import Foundation
import SafeFiles

/// Snapshots of remote repositories, one folder per repository under the cache directory:
/// `snapshot.json` (the last good harvest) and `repository.git` (the partial clone fetched into).
struct HarvestCache: Sendable {
    struct File: Codable, Sendable {
        var path: String
        var kind: String
        var oid: String
        var text: String

        /// The kind of a `.mailmap` kept for the history (not a document).
        static let mailmapKind = "mailmap"
    }

    struct Entry: Codable, Sendable {
        /// The URL without credentials.
        var url: String
        var ref: String
        var commit: String
        var fetchedAt: Int
        var activity: Activity?
        /// Absent in entries of Atrium before the history window (they still decode).
        var history: RepositoryHistory?
        /// The bot patterns the history was read with: another list reads it again.
        var botPatterns: [String]?
        var files: [File]

        init(url: String, ref: String, commit: String, fetchedAt: Int, activity: Activity?, history: RepositoryHistory? = nil,
             files: [File]) {
            self.url = url
            self.ref = ref
            self.commit = commit
            self.fetchedAt = fetchedAt
            self.activity = activity
            self.history = history
            self.files = files
        }

        func snapshot(source: RepositorySource) -> RepositorySnapshot {
            RepositorySnapshot(source: source, commit: commit,
                               files: files.compactMap { file in
                                   DocumentKind(rawValue: file.kind).map { RepositoryFile(path: file.path, kind: $0, text: TextDecoding.normalizingLineEndings(file.text)) }
                               },
                               fetchedAt: fetchedAt, activity: activity, history: history)
        }
    }

    let directory: String

    /// A folder name that is readable, unique per name and URL, and safe on any file system.
    func folder(for source: RepositorySource, url: String) -> String {
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in (source.name + "\n" + url).utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100000001b3
        }
        return directory + "/" + Slug.make(from: source.name) + "-" + String(hash, radix: 16)
    }

    func repositoryDirectory(for source: RepositorySource, url: String) -> String {
        folder(for: source, url: url) + "/repository.git"
    }

    func load(for source: RepositorySource, url: String) -> Entry? {
        let path = folder(for: source, url: url) + "/snapshot.json"
        guard case .success(let bytes) = RegularFile.read(path, limit: RegularFile.siteFileLimit) else { return nil }
        return try? JSONDecoder().decode(Entry.self, from: Data(bytes))
    }

    /// Replaces the snapshot in one step: a build killed halfway never leaves half a file.
    func store(_ entry: Entry, for source: RepositorySource, url: String) {
        let folder = folder(for: source, url: url)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(entry) else { return }
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try? data.write(to: URL(fileURLWithPath: folder + "/snapshot.json"), options: .atomic)
    }
}
