import AtriumModel
import Digest
import Foundation
import Index
import Publish
import SafeFiles
#if canImport(Glibc)
import Glibc
#endif

/// `.atrium/build/`: what the last published build made, so that the next one redoes only
/// what changed.
///
/// - `record.json`: each repository's slug, key (`RepositoryKey`), diagnostics and summary;
///   the site-wide key; and the published tree's files (`PublishedFiles`).
/// - `postings.bin`: the search index's postings (`PostingsFile`: the projects' slugs, then
///   every term's entry), which the record's summaries do not hold. Written beside it as
///   `postings.bin.new` by the index step and put in place by the commit.
/// - `spill-<pid>/`: the runs a build's `PostingsBuilder` sets aside, removed when it ends.
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

    static let format = "atrium-build-cache 2"

    let site: String
    let directory: String
    /// This build's own folder outside the site, kept for nothing after it.
    let isTemporary: Bool

    init(site: String) {
        self.site = site
        directory = site + "/.atrium/build"
        isTemporary = false
    }

    private init(site: String, temporary: String) {
        self.site = site
        directory = temporary
        isTemporary = true
    }

    /// The site's cache, or, when `.atrium/build` cannot be made or written (a read-only
    /// checkout, `.atrium` a file), a folder of this build's own in the temporary folder: the
    /// build still works through its files, and the problem says that nothing is kept.
    static func open(site: String) -> (BuildCache, Problem?) {
        let cache = BuildCache(site: site)
        NewFile.makeFolders(for: cache.directory + "/record.json", below: site)
        if access(cache.directory, W_OK) == 0 { return (cache, nil) }
        let reason = String(cString: strerror(errno))
        let temporary = NSTemporaryDirectory() + "/atrium-build-\(getpid())"
        try? FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        return (BuildCache(site: site, temporary: temporary),
                Problem(path: ".atrium/build", reason: reason, consequence: "this build keeps no cache"))
    }

    /// Removes a temporary cache folder; the site's own stays.
    func removeTemporary() {
        if isTemporary { try? FileManager.default.removeItem(atPath: directory) }
    }

    var recordPath: String { directory + "/record.json" }
    var postingsPath: String { directory + "/postings.bin" }
    var pendingPostingsPath: String { directory + "/postings.bin.new" }
    /// Where this process's postings runs go.
    var spillDirectory: String { directory + "/spill-\(getpid())" }

    // MARK: - Reading

    /// The last build's record; nil when there is none or it cannot be used (then the problem).
    func record() -> (Record?, Problem?) {
        guard FileManager.default.fileExists(atPath: recordPath) else { return (nil, nil) }
        switch body(at: recordPath).flatMap({ body in decodeRecord(from: body) }) {
        case .success(let record): return (record, nil)
        case .failure(let problem): return (nil, problem)
        }
    }

    /// The postings saved with `record`: their slugs, and the file positioned at the first
    /// entry. The whole file's digest is checked first, a piece at a time.
    func postings(of record: Record) -> Result<(slugs: [String], file: FileReader), Problem> {
        let shown = shown(postingsPath)
        do throws(Problem) {
            let whole = try open(postingsPath)
            let digest = try header(of: whole)
            var hasher = ContentHasher()
            do { try whole.forEachPiece { hasher.append(unframed: $0) } } catch {
                throw Problem(path: shown, reason: error.description)
            }
            guard hasher.finalize() == digest else {
                throw Problem(path: shown, reason: "damaged or truncated (its digest does not match)")
            }
            guard digest == record.postings else { throw Problem(path: shown, reason: "not the postings of the last build") }
            return .success(try postingsBody(at: postingsPath))
        } catch {
            return .failure(error)
        }
    }

    /// The postings this build wrote (`savePostings`), to be read again.
    func pendingPostings() throws(Problem) -> PostingsReader {
        let (slugs, file) = try postingsBody(at: pendingPostingsPath)
        return PostingsReader(file, idLimit: slugs.count)
    }

    /// The file opened past its header, with the slug table read.
    private func postingsBody(at path: String) throws(Problem) -> (slugs: [String], file: FileReader) {
        let file = try open(path)
        _ = try header(of: file)
        do throws(PostingsFile.DecodingFailure) {
            return (try PostingsFile.readSlugs(from: file), file)
        } catch {
            throw Problem(path: self.shown(path), reason: error.description)
        }
    }

    /// Reads a cache file's header; the digest it gives, once it shows the file is this
    /// version's.
    private func header(of file: FileReader) throws(Problem) -> ContentDigest {
        var lines: [[UInt8]] = []
        var line: [UInt8] = []
        while lines.count < 3 {
            guard line.count < 256, let byte = try read(1, from: file)?.first else {
                throw Problem(path: shown(file.path), reason: "not a build cache file")
            }
            if byte == UInt8(ascii: "\n") { lines.append(line); line = [] } else { line.append(byte) }
        }
        try check(format: lines[0], version: lines[1], path: file.path)
        guard let digest = ContentDigest(hex: String(decoding: lines[2], as: UTF8.self)) else {
            throw Problem(path: shown(file.path), reason: "not a build cache file")
        }
        return digest
    }

    private func check(format: some Collection<UInt8>, version: some Collection<UInt8>, path: String) throws(Problem) {
        guard String(decoding: format, as: UTF8.self) == Self.format else {
            throw Problem(path: shown(path), reason: "not a build cache file")
        }
        let version = String(decoding: version, as: UTF8.self)
        guard version == AtriumVersion.current else {
            throw Problem(path: shown(path), reason: "written by Atrium \(version.prefix(40)), this is \(AtriumVersion.current)")
        }
    }

    private func open(_ path: String) throws(Problem) -> FileReader {
        do { return try FileReader(path) } catch { throw Problem(path: shown(path), reason: error.description) }
    }

    private func read(_ count: Int, from file: FileReader) throws(Problem) -> [UInt8]? {
        do { return try file.read(count) } catch { throw Problem(path: shown(file.path), reason: error.description) }
    }

    /// The record, as `save` wrote it: the repositories and the published files (most of it)
    /// one entry at a time, so that the decoder never holds a tree of the whole file; the rest
    /// with those two as empty objects.
    private func decodeRecord(from body: ArraySlice<UInt8>) -> Result<Record, Problem> {
        let decoder = JSONDecoder()
        do {
            return .success(try body.withUnsafeBufferPointer { bytes throws -> Record in
                let outer = try JSONMembers.values(named: ["repositories", "published"], in: bytes, objectAt: 0, decoder: decoder)
                guard let repositories = outer["repositories"], let published = outer["published"],
                      let files = try JSONMembers.values(named: ["files"], in: bytes, objectAt: published.lowerBound,
                                                         decoder: decoder)["files"]
                else { throw JSONMembers.Malformed(offset: 0) }
                var rest = Data()
                var position = 0
                for range in [repositories, files].sorted(by: { $0.lowerBound < $1.lowerBound }) {
                    rest.append(UnsafeBufferPointer(rebasing: bytes[position..<range.lowerBound]))
                    rest.append(contentsOf: Array("{}".utf8))
                    position = range.upperBound
                }
                rest.append(UnsafeBufferPointer(rebasing: bytes[position...]))
                var record = try decoder.decode(Record.self, from: rest)
                func entries<Value: Decodable>(_ range: Range<Int>, _ add: (String, Value) -> Void) throws {
                    try JSONMembers.forEach(in: bytes, objectAt: range.lowerBound) { member in
                        let name = try JSONMembers.key(member, in: bytes, decoder: decoder)
                        add(name, try decoder.decode(Value.self, from: Data(UnsafeBufferPointer(rebasing: bytes[member.value]))))
                    }
                }
                try entries(repositories) { (name, repository: Record.Repository) in record.repositories[name] = repository }
                try entries(files) { (name, file: PublishedFiles.File) in record.published.files[name] = file }
                return record
            })
        } catch {
            return .failure(Problem(path: shown(recordPath), reason: "unreadable: \(error)"))
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
        guard lines.count == 4 else { return .failure(Problem(path: shown, reason: "not a build cache file")) }
        do throws(Problem) { try check(format: lines[0], version: lines[1], path: path) } catch { return .failure(error) }
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
    /// writes, and the repositories' and published files' (hundreds of thousands at 50,000
    /// projects) would be the build's largest allocation: the rest of the record is encoded
    /// as it is, and those two go into their empty objects one entry at a time, each written as
    /// soon as it is encoded.
    /// - Parameter repositories: the record's repositories by name, in name order, each made
    ///   as it is written (`record.repositories` is left empty: no second copy of every
    ///   listing when memory is at its highest).
    func save(_ record: Record, repositories: (count: Int, entry: (Int) -> (name: String, value: Record.Repository))) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var rest = record
        rest.repositories = [:]
        rest.published.files = [:]
        let outer = try encoder.encode(rest)
        func slot(_ key: String) -> Range<Int> {
            // Keys come out unescaped and every quote inside a string is escaped: each empty
            // object occurs once, as the value of its key.
            guard let range = outer.range(of: Data("\"\(key)\":{}".utf8)) else {
                preconditionFailure("the record's encoding has no \(key)")
            }
            return range
        }
        func entries<Value: Encodable>(_ count: Int, _ entry: (Int) -> (name: String, value: Value),
                                       _ append: (any ContiguousBytes) throws -> Void) throws {
            for index in 0..<count {
                let (name, value) = entry(index)
                var bytes = Data(index > 0 ? ",".utf8 : "".utf8)
                bytes.append(try encoder.encode(name))
                bytes.append(UInt8(ascii: ":"))
                bytes.append(try encoder.encode(value))
                try append(bytes)
            }
        }
        let files = record.published.files.keys.sorted()
        let slots: [(Range<Int>, ((any ContiguousBytes) throws -> Void) throws -> Void)] = [
            (slot("repositories"), { try entries(repositories.count, repositories.entry, $0) }),
            (slot("files"), { try entries(files.count, { (files[$0], record.published.files[files[$0]]!) }, $0) }),
        ].sorted { $0.0.lowerBound < $1.0.lowerBound }
        _ = try write(to: recordPath) { append in
            var position = outer.startIndex
            for (range, fill) in slots {
                try append(outer[position..<(range.upperBound - 1)])
                try fill(append)
                position = range.upperBound - 1
            }
            try append(outer[position...])
        }
    }

    /// Writes the postings of `slugs` merged from `readers` to `postings.bin.new`, a piece at
    /// a time; returns the digest the record keeps of them and every term with its number of
    /// pairs' numbers (what the term shards are planned from). A damaged entry in a reader is a
    /// `Problem` of `postings.bin`, the only file read that a build did not just write.
    func savePostings(slugs: [String], from readers: [PostingsReader]) throws -> (ContentDigest, [(term: String, pairCount: Int)]) {
        var vocabulary: [(term: String, pairCount: Int)] = []
        do {
            let digest = try write(to: pendingPostingsPath) { append in
                var bytes: [UInt8] = []
                bytes.reserveCapacity(1 << 18)
                PostingsFile.appendSlugs(slugs, to: &bytes)
                try PostingsMerge.merge(readers) { entry in
                    vocabulary.append((entry.text, entry.pairs.count))
                    PostingsFile.append(entry, to: &bytes)
                    if bytes.count >= 1 << 18 {
                        try append(bytes)
                        bytes.removeAll(keepingCapacity: true)
                    }
                }
                try append(bytes)
            }
            return (digest, vocabulary)
        } catch let failure as PostingsFile.DecodingFailure {
            discardPendingPostings()
            throw Problem(path: shown(postingsPath), reason: failure.description)
        }
    }

    /// Puts the postings this build wrote in place of the last build's.
    func commitPostings() throws {
        guard rename(pendingPostingsPath, postingsPath) == 0 else {
            throw Problem(path: shown(postingsPath), reason: String(cString: strerror(errno)), consequence: "not saved")
        }
    }

    func discardPendingPostings() {
        unlink(pendingPostingsPath)
    }

    /// Removes the postings runs of builds that are no longer running (killed half-way).
    func removeAbandonedRuns() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names where name.hasPrefix("spill-") {
            guard let pid = Int32(name.dropFirst("spill-".count)), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(atPath: directory + "/" + name)
        }
    }

    /// Removes the record: the next build starts afresh.
    func forget() {
        unlink(recordPath)
    }

    /// Writes beside the target and renames: a build killed half-way leaves the old file or
    /// the new one, never half of one. The body is written as `body` makes it, and the header's
    /// digest of it filled in at the end; returns that digest.
    private func write(to path: String, body: (_ append: (any ContiguousBytes) throws -> Void) throws -> Void) throws -> ContentDigest {
        let prefix = Array("\(Self.format)\n\(AtriumVersion.current)\n".utf8)
        var hasher = ContentHasher()
        var digest: ContentDigest?
        var bodyError: (any Error)?
        do throws(NewFile.Failure) {
            try NewFile.replace(path, foldersBelow: site) { file throws(NewFile.Failure) in
                try file.append(contentsOf: prefix + Array(repeating: UInt8(ascii: "0"), count: 64) + [UInt8(ascii: "\n")])
                do {
                    try body { bytes in
                        bytes.withUnsafeBytes { hasher.append(unframed: $0) }
                        try file.append(contentsOf: bytes)
                    }
                } catch let failure as NewFile.Failure {
                    throw failure
                } catch {
                    bodyError = error
                    throw NewFile.Failure(path: path, reason: "\(error)")
                }
                let whole = hasher
                let final = whole.finalize()
                digest = final
                try file.overwrite(Array(final.hex.utf8), at: prefix.count)
            }
        } catch {
            if let bodyError { throw bodyError }
            throw Problem(path: shown(path), reason: "\(error)", consequence: "not saved")
        }
        return digest!
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
