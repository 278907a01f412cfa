public import Foundation

/// For every term, the projects it occurs in with its weight: what the term shards are made
/// of. Kept between builds, so that when a few projects change only their postings are redone.
public struct Postings: Sendable, Equatable {
    /// The projects' slugs in id order: an id is a position in this list.
    public private(set) var slugs: [String]
    /// Term → flat `id, weight, id, weight…`, ids ascending. Tens of millions of pairs at
    /// 10,000 projects, so no array per pair.
    var terms: [String: [Int32]]

    /// From every project's terms, in id order.
    public init(slugs: [String], terms documents: [[String: Int]]) {
        precondition(documents.isEmpty || slugs.count == documents.count)
        self.slugs = slugs
        var terms: [String: [Int32]] = [:]
        for (id, document) in documents.enumerated() {
            for (term, weight) in document { terms[term, default: []].append(contentsOf: [Int32(id), Int32(weight)]) }
        }
        self.terms = terms
    }

    /// The postings for the projects `slugs`, from these (made for `self.slugs`): projects no
    /// longer listed are dropped, those in `changed` get their new terms, and every project
    /// not in `self.slugs` must be in `changed`.
    public func updated(slugs newSlugs: [String], changed: [String: [String: Int]]) -> Postings {
        let builder = PostingsBuilder(slugs: newSlugs)
        for (slug, terms) in changed { builder.add(slug: slug, terms: terms) }
        return updated(slugs: newSlugs, replacing: Set(changed.keys), with: builder.terms(inOrderOf: newSlugs))
    }

    /// The same, with the changed projects' postings (`PostingsBuilder.terms(inOrderOf:)`).
    public func updated(slugs newSlugs: [String], replacing changed: Set<String>, with additions: [String: [Int32]]) -> Postings {
        var newID: [String: Int32] = [:]
        newID.reserveCapacity(newSlugs.count)
        for (id, slug) in newSlugs.enumerated() { newID[slug] = Int32(id) }
        // Old id → new id, or -1 for a project that is gone or whose terms are replaced.
        let mapping = slugs.map { slug -> Int32 in changed.contains(slug) ? -1 : newID[slug] ?? -1 }
        var terms = self.terms
        if !mapping.enumerated().allSatisfy({ $0.element == Int32($0.offset) }) {
            for (term, pairs) in self.terms {
                var kept: [Int32] = []
                kept.reserveCapacity(pairs.count)
                for index in stride(from: 0, to: pairs.count, by: 2) {
                    let id = mapping[Int(pairs[index])]
                    if id >= 0 { kept.append(id); kept.append(pairs[index + 1]) }
                }
                terms[term] = kept.isEmpty ? nil : kept
            }
        }
        for (term, pairs) in additions {
            terms[term, default: []].append(contentsOf: pairs)
            terms[term] = Self.sortedByID(terms[term]!)
        }
        var result = self
        result.slugs = newSlugs
        result.terms = terms
        return result
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

    // MARK: - Bytes

    /// `slugCount, (length, bytes)…, termCount, (length, bytes, pairCount, pairs…)…`, every
    /// number a little-endian UInt32 or Int32, terms sorted: the same postings, the same bytes.
    public var encoded: Data {
        // Sized once: tens of megabytes grown by doubling would be held twice over.
        var size = 8 + slugs.reduce(0) { $0 + 4 + $1.utf8.count }
        for (term, pairs) in terms { size += 8 + term.utf8.count + pairs.count * 4 }
        var data = Data(capacity: size)
        func number(_ value: Int) { withUnsafeBytes(of: UInt32(value).littleEndian) { data.append(contentsOf: $0) } }
        func text(_ value: String) {
            number(value.utf8.count)
            data.append(contentsOf: value.utf8)
        }
        number(slugs.count)
        for slug in slugs { text(slug) }
        number(terms.count)
        for term in terms.keys.sorted() {
            text(term)
            let pairs = terms[term]!
            number(pairs.count)
            pairs.withUnsafeBytes { data.append(contentsOf: $0) }
        }
        return data
    }

    public struct DecodingFailure: Error, CustomStringConvertible {
        public var description: String { "postings are truncated or malformed" }
    }

    /// Reads the bytes where they lie (a file's 30 MB is not copied first).
    public init(decoding bytes: some Collection<UInt8>) throws(DecodingFailure) {
        let decoded = bytes.withContiguousStorageIfAvailable { Self.decode(UnsafeRawBufferPointer($0)) }
            ?? Array(bytes).withUnsafeBytes { Self.decode($0) }
        guard let (slugs, terms) = decoded else { throw DecodingFailure() }
        self.slugs = slugs
        self.terms = terms
    }

    private static func decode(_ bytes: UnsafeRawBufferPointer) -> ([String], [String: [Int32]])? {
        var offset = 0
        func number() -> Int? {
            guard offset + 4 <= bytes.count else { return nil }
            defer { offset += 4 }
            return Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
        }
        func text() -> String? {
            guard let count = number(), count <= bytes.count - offset else { return nil }
            defer { offset += count }
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count]), as: UTF8.self)
        }
        guard let slugCount = number(), slugCount <= bytes.count / 4 else { return nil }
        var slugs: [String] = []
        slugs.reserveCapacity(slugCount)
        for _ in 0..<slugCount {
            guard let slug = text() else { return nil }
            slugs.append(slug)
        }
        guard let termCount = number(), termCount <= bytes.count / 8 else { return nil }
        var terms: [String: [Int32]] = [:]
        terms.reserveCapacity(termCount)
        for _ in 0..<termCount {
            guard let term = text(), let count = number(), count % 2 == 0, count <= (bytes.count - offset) / 4 else {
                return nil
            }
            let source = UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count * 4])
            let pairs = [Int32](unsafeUninitializedCapacity: count) { buffer, initialized in
                for index in 0..<count {
                    buffer[index] = Int32(littleEndian: source.loadUnaligned(fromByteOffset: index * 4, as: Int32.self))
                }
                initialized = count
            }
            // Every id names one of the slugs.
            guard stride(from: 0, to: count, by: 2).allSatisfy({ pairs[$0] >= 0 && Int(pairs[$0]) < slugCount }) else {
                return nil
            }
            offset += count * 4
            terms[term] = pairs
        }
        return offset == bytes.count ? (slugs, terms) : nil
    }
}

/// Collects projects' terms as they are made, in any order, straight into postings: the
/// build keeps no project's terms once it has them here, so memory grows with the index,
/// not with the projects' texts.
public final class PostingsBuilder: @unchecked Sendable {
    private let ids: [String: Int32]
    private let lock = NSLock()
    private var collected: [String: [Int32]] = [:]

    /// - Parameter slugs: every project that may be added, in id order.
    public init(slugs: [String]) {
        var ids: [String: Int32] = [:]
        for (id, slug) in slugs.enumerated() { ids[slug] = Int32(id) }
        self.ids = ids
    }

    public func add(slug: String, terms: [String: Int]) {
        guard let id = ids[slug] else { preconditionFailure("\(slug) is not one of the builder's projects") }
        lock.lock()
        defer { lock.unlock() }
        for (term, weight) in terms { collected[term, default: []].append(contentsOf: [id, Int32(weight)]) }
    }

    /// Term → pairs, with ids that are positions in `slugs` (which holds every project
    /// added), ascending.
    public func terms(inOrderOf slugs: [String]) -> [String: [Int32]] {
        var final: [Int32] = Array(repeating: -1, count: ids.count)
        for (id, slug) in slugs.enumerated() { if let old = ids[slug] { final[Int(old)] = Int32(id) } }
        let identity = final.enumerated().allSatisfy { $0.element == Int32($0.offset) }
        lock.lock()
        defer { lock.unlock() }
        return collected.mapValues { pairs in
            var mapped = pairs
            if !identity {
                for index in stride(from: 0, to: pairs.count, by: 2) { mapped[index] = final[Int(pairs[index])] }
            }
            return Postings.sortedByID(mapped)
        }
    }

    /// The postings of exactly these projects (`slugs` in id order, every one added). Takes
    /// the collected terms out of the builder, one term at a time, so that the index is never
    /// held twice: ask once.
    public func postings(slugs: [String]) -> Postings {
        var final: [Int32] = Array(repeating: -1, count: ids.count)
        for (id, slug) in slugs.enumerated() { if let old = ids[slug] { final[Int(old)] = Int32(id) } }
        let identity = final.enumerated().allSatisfy { $0.element == Int32($0.offset) }
        lock.lock()
        var pending = collected
        collected = [:]
        lock.unlock()
        var terms: [String: [Int32]] = [:]
        terms.reserveCapacity(pending.count)
        while let (term, pairs) = pending.popFirst() {
            var mapped = pairs
            if !identity {
                for index in stride(from: 0, to: mapped.count, by: 2) { mapped[index] = final[Int(mapped[index])] }
            }
            terms[term] = Postings.sortedByID(mapped)
        }
        var postings = Postings(slugs: slugs, terms: [])
        postings.terms = terms
        return postings
    }
}
