import Foundation
public import SafeFiles

/// One term's postings: the term's UTF-8 bytes and its `id, weight, id, weight…`, ids
/// ascending.
public struct PostingsEntry: Sendable, Equatable {
    public var term: [UInt8]
    public var pairs: [Int32]

    public init(term: [UInt8], pairs: [Int32]) {
        self.term = term
        self.pairs = pairs
    }

    public var text: String { String(decoding: term, as: UTF8.self) }
}

/// Postings as bytes: entries `termLength, term, pairCount, pairs…`, every number a
/// little-endian UInt32 or Int32, terms in ascending byte order, one after another to the end
/// of the file. The build cache keeps them so (after a table of the projects' slugs), and so
/// are the runs a large build sets aside while it collects them.
public enum PostingsFile {
    public struct DecodingFailure: Error, CustomStringConvertible {
        public var reason: String
        public var description: String { "postings are truncated or malformed (\(reason))" }

        init(_ reason: String) { self.reason = reason }
    }

    public static func append(_ entry: PostingsEntry, to bytes: inout [UInt8]) {
        appendNumber(entry.term.count, to: &bytes)
        bytes.append(contentsOf: entry.term)
        appendNumber(entry.pairs.count, to: &bytes)
        entry.pairs.withUnsafeBytes { raw in
            if Int32(1).littleEndian == 1 {
                bytes.append(contentsOf: raw)
            } else {
                for pair in entry.pairs { withUnsafeBytes(of: pair.littleEndian) { bytes.append(contentsOf: $0) } }
            }
        }
    }

    /// `count, (length, bytes)…`.
    public static func appendSlugs(_ slugs: [String], to bytes: inout [UInt8]) {
        appendNumber(slugs.count, to: &bytes)
        for slug in slugs {
            appendNumber(slug.utf8.count, to: &bytes)
            bytes.append(contentsOf: slug.utf8)
        }
    }

    public static func readSlugs(from file: FileReader) throws(DecodingFailure) -> [String] {
        let count = try number(from: file, "slug count")
        guard count <= (file.size - file.offset) / 4 else { throw DecodingFailure("more slugs than bytes") }
        var slugs: [String] = []
        slugs.reserveCapacity(count)
        for _ in 0..<count {
            let length = try number(from: file, "slug length")
            guard length <= file.size - file.offset, let bytes = try bytes(length, from: file),
                  let slug = String(validating: bytes, as: UTF8.self) else { throw DecodingFailure("a slug") }
            slugs.append(slug)
        }
        return slugs
    }

    static func appendNumber(_ value: Int, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: UInt32(value).littleEndian) { bytes.append(contentsOf: $0) }
    }

    static func number(from file: FileReader, _ what: String) throws(DecodingFailure) -> Int {
        let value: UInt32?
        do { value = try file.readUInt32() } catch { throw DecodingFailure(error.description) }
        guard let value else { throw DecodingFailure("ends inside \(what)") }
        return Int(value)
    }

    static func bytes(_ count: Int, from file: FileReader) throws(DecodingFailure) -> [UInt8]? {
        do {
            return try file.read(count)
        } catch {
            throw DecodingFailure(error.description)
        }
    }
}

/// Reads entries from a file, checking each: ids name one of `idLimit` projects, pairs are
/// whole and ascend, terms ascend. Ids are translated through `mapping` (old id → id in the
/// postings being made, -1 to leave the project out), which must keep their order.
public final class PostingsReader {
    private let file: FileReader
    private let idLimit: Int
    private let mapping: [Int32]?
    private var previous: [UInt8]?

    public init(_ file: FileReader, idLimit: Int, mapping: [Int32]? = nil) {
        self.file = file
        self.idLimit = idLimit
        self.mapping = mapping
    }

    /// The next entry that still has pairs after the mapping; nil at the end of the file.
    public func next() throws(PostingsFile.DecodingFailure) -> PostingsEntry? {
        while true {
            guard try !atEnd() else { return nil }
            let length = try PostingsFile.number(from: file, "a term's length")
            // A term is as long as the word it is (a README may hold a 10,000-letter one); a
            // damaged length is bounded by what is left of the file.
            guard length > 0, length <= file.size - file.offset, let term = try PostingsFile.bytes(length, from: file),
                  String(validating: term, as: UTF8.self) != nil else {
                throw PostingsFile.DecodingFailure("a term at byte \(file.offset)")
            }
            if let previous, !previous.lexicographicallyPrecedes(term) {
                throw PostingsFile.DecodingFailure("terms out of order at byte \(file.offset)")
            }
            previous = term
            let count = try PostingsFile.number(from: file, "a pair count")
            guard count > 0, count % 2 == 0, count <= (file.size - file.offset) / 4,
                  let bytes = try PostingsFile.bytes(count * 4, from: file) else {
                throw PostingsFile.DecodingFailure("the pairs of a term at byte \(file.offset)")
            }
            var pairs = [Int32](repeating: 0, count: count)
            bytes.withUnsafeBytes { source in pairs.withUnsafeMutableBytes { $0.copyMemory(from: source) } }
            var kept = 0
            var last: Int32 = -1
            for index in stride(from: 0, to: count, by: 2) {
                let id = Int32(littleEndian: pairs[index])
                guard id > last, Int(id) < idLimit else { throw PostingsFile.DecodingFailure("an id at byte \(file.offset)") }
                last = id
                let mapped = mapping.map { $0[Int(id)] } ?? id
                if mapped < 0 { continue }
                pairs[kept] = mapped
                pairs[kept + 1] = Int32(littleEndian: pairs[index + 1])
                kept += 2
            }
            if kept == 0 { continue }
            pairs.removeLast(count - kept)
            return PostingsEntry(term: term, pairs: pairs)
        }
    }

    private func atEnd() throws(PostingsFile.DecodingFailure) -> Bool {
        do { return try file.isAtEnd } catch { throw PostingsFile.DecodingFailure(error.description) }
    }
}

/// Postings from several readers as one: entries in term order, each term's pairs from every
/// reader, ordered by id. A large index is merged a term at a time, never held whole.
public enum PostingsMerge {
    public static func merge(_ readers: [PostingsReader], into emit: (PostingsEntry) throws -> Void) throws {
        var heads = try readers.map { try $0.next() }
        while true {
            var smallest: [UInt8]?
            for case let head? in heads where smallest.map({ head.term.lexicographicallyPrecedes($0) }) ?? true {
                smallest = head.term
            }
            guard let term = smallest else { return }
            var pairs: [Int32] = []
            var sources = 0
            for index in heads.indices where heads[index]?.term == term {
                pairs += heads[index]!.pairs
                sources += 1
                heads[index] = try readers[index].next()
            }
            try emit(PostingsEntry(term: term, pairs: sources > 1 ? sortedByID(pairs) : pairs))
        }
    }

    /// Old id → new id for postings made for `old` slugs when the projects are `new` (both
    /// in id order): -1 for a project gone or in `replaced` (its terms come from elsewhere).
    public static func mapping(from old: [String], to new: [String], replacing replaced: Set<String>) -> [Int32] {
        var newID: [String: Int32] = [:]
        newID.reserveCapacity(new.count)
        for (id, slug) in new.enumerated() { newID[slug] = Int32(id) }
        return old.map { slug in replaced.contains(slug) ? -1 : newID[slug] ?? -1 }
    }

    /// Pairs ordered by id (each id occurs once per term).
    static func sortedByID(_ pairs: [Int32]) -> [Int32] {
        var isSorted = true
        for index in stride(from: 2, to: pairs.count, by: 2) where pairs[index - 2] > pairs[index] {
            isSorted = false
            break
        }
        if isSorted { return pairs }
        var order = Array(stride(from: 0, to: pairs.count, by: 2))
        order.sort { pairs[$0] < pairs[$1] }
        var sorted: [Int32] = []
        sorted.reserveCapacity(pairs.count)
        for index in order { sorted.append(pairs[index]); sorted.append(pairs[index + 1]) }
        return sorted
    }
}
