import AtriumModel
import Digest
import Foundation
import Index
import Publish
import SafeFiles

/// `.atrium/build/`: what the last published build made, so that the next one redoes only
/// what changed.
///
/// - `record.json`: each repository's slug, key (`RepositoryKey`), diagnostics and summary;
///   the site-wide key; and the published tree's files (`PublishedFiles`).
/// - `postings.bin`: the search index's postings (`Postings`), which the record's summaries
///   do not hold.
///
/// Every file starts with a header naming the format, Atrium's version and the digest of the
/// rest: a truncated, damaged or foreign file is found out, reported and rebuilt, never used.
struct BuildCache: Sendable {
    struct Record: Codable, Sendable {
        struct Repository: Codable, Sendable {
            var slug: String
            var key: ContentDigest
            var diagnostics: [Diagnostic]
            /// What lists, search and the exports say of it (its summary inside).
            var listing: ProjectListing
        }

        var fingerprint: ContentDigest
        var site: ContentDigest
        var repositories: [String: Repository]
        /// Everything published besides project pages: what the site-wide steps wrote.
        var siteFiles: [String]
        var published: PublishedFiles
        /// The digest of `postings.bin`'s content as this build saved it.
        var postings: ContentDigest?
    }

    /// A cache file that could not be used, and why: shown as a warning.
    struct Problem: Error, CustomStringConvertible {
        var path: String
        var reason: String
        /// What the build did about it.
        var consequence = "rebuilt"
        var description: String { "build cache: \(path): \(reason); \(consequence)" }
    }

    static let format = "atrium-build-cache 1"

    let site: String
    let directory: String

    init(site: String) {
        self.site = site
        directory = site + "/.atrium/build"
    }

    var recordPath: String { directory + "/record.json" }
    var postingsPath: String { directory + "/postings.bin" }

    // MARK: - Reading

    /// The last build's record; nil when there is none or it cannot be used (then the problem).
    func record() -> (Record?, Problem?) {
        guard FileManager.default.fileExists(atPath: recordPath) else { return (nil, nil) }
        switch body(at: recordPath).flatMap({ body in decode(Record.self, from: body, path: recordPath) }) {
        case .success(let record): return (record, nil)
        case .failure(let problem): return (nil, problem)
        }
    }

    /// The postings saved with `record`.
    func postings(of record: Record) -> Result<Postings, Problem> {
        body(at: postingsPath).flatMap { body in
            guard ContentDigest.of(body) == record.postings else {
                return .failure(Problem(path: shown(postingsPath), reason: "not the postings of the last build"))
            }
            return Result { () throws(Postings.DecodingFailure) in try Postings(decoding: body) }
                .mapError { Problem(path: shown(postingsPath), reason: $0.description) }
        }
    }

    private func decode<Value: Decodable>(_ type: Value.Type, from body: ArraySlice<UInt8>, path: String) -> Result<Value, Problem> {
        do {
            return .success(try JSONDecoder().decode(Value.self, from: Data(body)))
        } catch {
            return .failure(Problem(path: shown(path), reason: "unreadable: \(error)"))
        }
    }

    /// The file's content after its header, once the header shows it is whole and this
    /// version's.
    private func body(at path: String) -> Result<ArraySlice<UInt8>, Problem> {
        let shown = shown(path)
        let bytes: [UInt8]
        switch RegularFile.read(path, limit: 1 << 32) {
        case .success(let read): bytes = read
        case .failure(let refusal): return .failure(Problem(path: shown, reason: refusal.description))
        }
        // format \n version \n digest \n body
        let lines = bytes.split(separator: UInt8(ascii: "\n"), maxSplits: 3, omittingEmptySubsequences: false)
        guard lines.count == 4, String(decoding: lines[0], as: UTF8.self) == Self.format else {
            return .failure(Problem(path: shown, reason: "not a build cache file"))
        }
        let version = String(decoding: lines[1], as: UTF8.self)
        guard version == AtriumVersion.current else {
            return .failure(Problem(path: shown, reason: "written by Atrium \(version.prefix(40)), this is \(AtriumVersion.current)"))
        }
        guard String(decoding: lines[2], as: UTF8.self) == ContentDigest.of(lines[3]).hex else {
            return .failure(Problem(path: shown, reason: "damaged or truncated (its digest does not match)"))
        }
        return .success(lines[3])
    }

    /// `.atrium/build/…`, as a person finds it from the site folder.
    private func shown(_ path: String) -> String {
        path.hasPrefix(directory + "/") ? ".atrium/build/" + path.dropFirst(directory.count + 1) : path
    }

    // MARK: - Writing

    /// The record as JSON with sorted keys. An encoder holds a whole value's tree while it
    /// writes, and ten thousand repositories' at once would be the build's largest allocation:
    /// the rest of the record is encoded as it is, and the repositories go into its empty
    /// `"repositories":{}` one at a time.
    func save(_ record: Record) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var rest = record
        rest.repositories = [:]
        let outer = try encoder.encode(rest)
        // Keys come out unescaped and every quote inside a string is escaped: the empty object
        // occurs once, as the value of the top-level key.
        guard let slot = outer.range(of: Data(#""repositories":{}"#.utf8)) else {
            preconditionFailure("the record's encoding has no repositories")
        }
        var body = Data(outer[..<(slot.upperBound - 1)])
        for (index, name) in record.repositories.keys.sorted().enumerated() {
            if index > 0 { body.append(UInt8(ascii: ",")) }
            body.append(try encoder.encode(name))
            body.append(UInt8(ascii: ":"))
            body.append(try encoder.encode(record.repositories[name]!))
        }
        body.append(outer[(slot.upperBound - 1)...])
        try write(body, to: recordPath)
    }

    /// Returns the digest the record keeps of it.
    func save(_ postings: Postings) throws -> ContentDigest {
        let body = postings.encoded
        try write(body, to: postingsPath)
        return ContentDigest.of(body)
    }

    /// Removes the record: the next build starts afresh.
    func forget() {
        unlink(recordPath)
    }

    /// Writes beside the target and renames: a build killed half-way leaves the old file or
    /// the new one, never half of one. The header and the body are never joined in memory.
    private func write(_ body: Data, to path: String) throws {
        let header = Data("\(Self.format)\n\(AtriumVersion.current)\n\(ContentDigest.of(body).hex)\n".utf8)
        do throws(NewFile.Failure) {
            try NewFile.replace(path, foldersBelow: site) { file throws(NewFile.Failure) in
                try file.append(contentsOf: header)
                try file.append(contentsOf: body)
            }
        } catch {
            throw Problem(path: shown(path), reason: "\(error)", consequence: "not saved")
        }
    }
}

/// The digest of everything a repository's page and search entry are made from: the site's
/// fingerprint, the slug, where the repository is and how it links back, and what was
/// harvested. Equal keys give equal results.
enum RepositoryKey {
    static func of(_ snapshot: RepositorySnapshot, slug: String, fingerprint: ContentDigest) -> ContentDigest {
        var hasher = ContentHasher()
        hasher.combine(fingerprint)
        hasher.combine(slug)
        let source = snapshot.source
        hasher.combine(source.name)
        switch source.location {
        case .folder(let path): hasher.combine("folder"); hasher.combine(path)
        case .remote(let url): hasher.combine("remote"); hasher.combine(url)
        }
        hasher.combine(source.webTemplate)
        hasher.combine(source.rawTemplate)
        hasher.combine(source.branch)
        hasher.combine(source.tags.count)
        for tag in source.tags { hasher.combine(tag) }
        hasher.combine(snapshot.commit)
        hasher.combine(snapshot.fetchedAt)
        hasher.combine(snapshot.staleSince)
        hasher.combine(snapshot.modifiedAt)
        hasher.combine(snapshot.activity?.lastCommit)
        hasher.combine(snapshot.activity?.recentCommits)
        hasher.combine(snapshot.activity?.recentAuthors)
        hasher.combine(snapshot.activity?.isCapped ?? false)
        // The history facts are shown on the page: a page is made again when only they change.
        hasher.combine(snapshot.history.map(historyJSON))
        hasher.combine(snapshot.files.count)
        for file in snapshot.files {
            hasher.combine(file.path)
            hasher.combine(file.kind.rawValue)
            hasher.combine(file.text)
        }
        return hasher.finalize()
    }

    /// Every field of the history, in one stable spelling (keys sorted).
    private static func historyJSON(_ history: RepositoryHistory) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(history)) ?? Data(), as: UTF8.self)
    }
}
