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
        precondition(slugs.count == documents.count)
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
        var newID: [String: Int32] = [:]
        newID.reserveCapacity(newSlugs.count)
        for (id, slug) in newSlugs.enumerated() { newID[slug] = Int32(id) }
        // Old id → new id, or -1 for a project that is gone or whose terms are replaced.
        let mapping = slugs.map { slug -> Int32 in changed[slug] == nil ? newID[slug] ?? -1 : -1 }
        let unchanged = mapping.enumerated().allSatisfy { $0.element == Int32($0.offset) }
        var terms = self.terms
        if !unchanged {
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
        var touched: Set<String> = []
        for (slug, document) in changed {
            guard let id = newID[slug] else { continue }
            for (term, weight) in document {
                terms[term, default: []].append(contentsOf: [id, Int32(weight)])
                touched.insert(term)
            }
        }
        // The mapping keeps the order of ids; appended ones may not be in place.
        for term in touched {
            let pairs = terms[term]!
            var order = Array(stride(from: 0, to: pairs.count, by: 2))
            order.sort { pairs[$0] < pairs[$1] }
            terms[term] = order.flatMap { [pairs[$0], pairs[$0 + 1]] }
        }
        var result = self
        result.slugs = newSlugs
        result.terms = terms
        return result
    }

    // MARK: - Bytes

    /// `slugCount, (length, bytes)…, termCount, (length, bytes, pairCount, pairs…)…`, every
    /// number a little-endian UInt32 or Int32, terms sorted: the same postings, the same bytes.
    public var encoded: Data {
        var data = Data()
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

    public init(decoding bytes: some Collection<UInt8>) throws(DecodingFailure) {
        let bytes = Array(bytes)
        var offset = 0
        func number() throws(DecodingFailure) -> Int {
            guard offset + 4 <= bytes.count else { throw DecodingFailure() }
            let value = UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
                | UInt32(bytes[offset + 3]) << 24
            offset += 4
            return Int(value)
        }
        func text() throws(DecodingFailure) -> String {
            let count = try number()
            guard count <= bytes.count - offset else { throw DecodingFailure() }
            defer { offset += count }
            return String(decoding: bytes[offset..<offset + count], as: UTF8.self)
        }
        let slugCount = try number()
        guard slugCount <= bytes.count / 4 else { throw DecodingFailure() }
        var slugs: [String] = []
        slugs.reserveCapacity(slugCount)
        for _ in 0..<slugCount { slugs.append(try text()) }
        let termCount = try number()
        guard termCount <= bytes.count / 8 else { throw DecodingFailure() }
        var terms: [String: [Int32]] = [:]
        terms.reserveCapacity(termCount)
        for _ in 0..<termCount {
            let term = try text()
            let count = try number()
            guard count % 2 == 0, count <= (bytes.count - offset) / 4 else { throw DecodingFailure() }
            var pairs = [Int32](repeating: 0, count: count)
            pairs.withUnsafeMutableBytes { target in
                bytes.withUnsafeBytes { source in
                    target.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[offset..<offset + count * 4]))
                }
            }
            offset += count * 4
            pairs = pairs.map { Int32(littleEndian: $0) }
            for index in stride(from: 0, to: count, by: 2) where pairs[index] < 0 || Int(pairs[index]) >= slugCount {
                throw DecodingFailure()
            }
            terms[term] = pairs
        }
        guard offset == bytes.count else { throw DecodingFailure() }
        self.slugs = slugs
        self.terms = terms
    }
}
