public import AtriumModel
import Foundation
import SafeFiles

/// The harvest of part of a catalogue in one file, to carry from one CI job to another
/// (`atrium harvest --shard i/n --bundle FILE`, then `atrium build --offline --from-bundles`):
/// a POSIX tar (ustar) of `atrium-bundle.json` and one `snapshots/NNNNNN.json` per repository,
/// each holding the repository's name, its URL without credentials and its harvest cache entry.
/// Written deterministically (sorted, no times, no owners); read strictly (only those names,
/// regular files, sizes capped), so a damaged or foreign file is refused with a reason and never
/// writes outside the harvest cache.
public enum SnapshotBundle {
    public struct Problem: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    static let format = "atrium-bundle 1"
    static let entryLimit = 256 << 20

    struct Header: Codable {
        var format: String
        var atrium: String
        var shard: String?
        var repositories: Int
    }

    struct Snapshot: Codable {
        var name: String
        var url: String
        var entry: HarvestCache.Entry
    }

    /// Writes the cached harvest of `sources` (git remotes; the ones not harvested are left
    /// out) to `path`. Returns how many repositories it holds.
    public static func write(_ sources: [RepositorySource], cacheDirectory: String, shard: String?, version: String,
                             to path: String) throws -> Int {
        let cache = HarvestCache(directory: cacheDirectory)
        var snapshots: [Snapshot] = []
        for source in sources.sorted(by: { $0.name < $1.name }) {
            guard case .remote(let url) = source.location, let entry = cache.load(for: source, url: url) else { continue }
            snapshots.append(Snapshot(name: source.name, url: Redaction.url(url), entry: entry))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var archive = Tar()
        archive.add("atrium-bundle.json", try encoder.encode(
            Header(format: format, atrium: version, shard: shard, repositories: snapshots.count)))
        for (index, snapshot) in snapshots.enumerated() {
            archive.add(String(format: "snapshots/%06d.json", index + 1), try encoder.encode(snapshot))
        }
        do {
            try Data(archive.finished()).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw Problem(path: path, reason: "cannot be written: \(error.localizedDescription)")
        }
        return snapshots.count
    }

    /// Puts the snapshots of the bundle at `path` into the harvest cache, for the `sources` of
    /// this build (matched by name and URL); returns how many were put and the names of those
    /// the bundle has but the build does not list.
    public static func load(_ path: String, into cacheDirectory: String, for sources: [RepositorySource]) throws
        -> (loaded: Int, unlisted: [String]) {
        guard case .success(let bytes) = RegularFile.read(path, limit: 4 << 30, followingLinks: true) else {
            throw Problem(path: path, reason: "cannot be read as a regular file")
        }
        let members = try Tar.members(of: bytes, path: path)
        guard let first = members.first, first.name == "atrium-bundle.json",
              let header = try? JSONDecoder().decode(Header.self, from: Data(first.bytes)), header.format == format else {
            throw Problem(path: path, reason: "not an Atrium snapshot bundle (no atrium-bundle.json of \(format))")
        }
        guard header.repositories == members.count - 1 else {
            throw Problem(path: path, reason: "says \(header.repositories) repositories but holds \(members.count - 1): truncated?")
        }
        var byName: [String: RepositorySource] = [:]
        for source in sources { byName[source.name] = source }
        let cache = HarvestCache(directory: cacheDirectory)
        var loaded = 0
        var unlisted: [String] = []
        for (index, member) in members.dropFirst().enumerated() {
            guard member.name == String(format: "snapshots/%06d.json", index + 1),
                  let snapshot = try? JSONDecoder().decode(Snapshot.self, from: Data(member.bytes)) else {
                throw Problem(path: path, reason: "\(member.name) is not a snapshot of this bundle's format")
            }
            guard let source = byName[snapshot.name], case .remote(let url) = source.location,
                  Redaction.url(url) == snapshot.url else {
                unlisted.append(snapshot.name)
                continue
            }
            cache.store(snapshot.entry, for: source, url: url)
            loaded += 1
        }
        return (loaded, unlisted)
    }
}

/// The ustar subset a bundle needs: regular files with short names, times and owners zeroed.
struct Tar {
    struct Member {
        var name: String
        var bytes: ArraySlice<UInt8>
    }

    private var bytes: [UInt8] = []

    mutating func add(_ name: String, _ contents: Data) {
        var header = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, at offset: Int) {
            for (index, byte) in text.utf8.enumerated() { header[offset + index] = byte }
        }
        put(name, at: 0)
        put("0000644", at: 100)
        put("0000000", at: 108)
        put("0000000", at: 116)
        put(String(format: "%011o", contents.count), at: 124)
        put("00000000000", at: 136)
        put("        ", at: 148)
        header[156] = UInt8(ascii: "0")
        put("ustar", at: 257)
        put("00", at: 263)
        let sum = header.reduce(0) { $0 + Int($1) }
        put(String(format: "%06o", sum), at: 148)
        header[154] = 0
        header[155] = UInt8(ascii: " ")
        bytes += header
        bytes += contents
        bytes += [UInt8](repeating: 0, count: (512 - contents.count % 512) % 512)
    }

    func finished() -> [UInt8] {
        bytes + [UInt8](repeating: 0, count: 1024)
    }

    static func members(of bytes: [UInt8], path: String) throws -> [Member] {
        func fail(_ reason: String) -> SnapshotBundle.Problem { SnapshotBundle.Problem(path: path, reason: reason) }
        var members: [Member] = []
        var offset = 0
        while offset + 512 <= bytes.count {
            let header = bytes[offset..<offset + 512]
            if header.allSatisfy({ $0 == 0 }) { return members }
            var checked = Array(header)
            for index in 148..<156 { checked[index] = UInt8(ascii: " ") }
            let stored = octal(header[(offset + 148)..<(offset + 156)])
            guard stored == checked.reduce(0, { $0 + Int($1) }) else { throw fail("damaged (a header checksum is wrong)") }
            guard header[offset + 156] == UInt8(ascii: "0") || header[offset + 156] == 0 else {
                throw fail("holds something that is not a regular file")
            }
            let nameBytes = header[offset..<(offset + 100)].prefix { $0 != 0 }
            guard let name = String(bytes: nameBytes, encoding: .utf8), !name.isEmpty else { throw fail("a member has no name") }
            guard let size = octal(header[(offset + 124)..<(offset + 136)]), size <= SnapshotBundle.entryLimit else {
                throw fail("\(name) is too large or its size is unreadable")
            }
            let start = offset + 512
            guard start + size <= bytes.count else { throw fail("truncated inside \(name)") }
            members.append(Member(name: name, bytes: bytes[start..<start + size]))
            offset = start + (size + 511) / 512 * 512
        }
        throw fail("truncated (no end-of-archive blocks)")
    }

    private static func octal(_ field: ArraySlice<UInt8>) -> Int? {
        let digits = field.prefix { $0 != 0 && $0 != UInt8(ascii: " ") }.drop { $0 == UInt8(ascii: " ") }
        guard !digits.isEmpty, digits.allSatisfy({ (48...55).contains($0) }) else { return nil }
        return digits.reduce(0) { $0 * 8 + Int($1 - 48) }
    }
}
