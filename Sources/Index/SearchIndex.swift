public import AtriumModel
public import Foundation

/// What the search knows about one project: what it shows in a result, and the text it is
/// found by. Built by the driver from the extracted project and its rendered documents.
public struct SearchDocument: Sendable, Hashable, Codable {
    public var summary: ProjectSummary
    /// Term → weight, from `SearchIndex.terms(for:)`, computed where the text is at hand.
    public var terms: [String: Int]

    public init(project: Project, headings: [String], text: String) {
        summary = ProjectSummary(project)
        terms = SearchIndex.terms(name: summary.name, topics: summary.topics, owners: summary.owners,
                                  accepts: summary.accepts, description: summary.description ?? "", headings: headings,
                                  text: text)
    }

    private enum CodingKeys: String, CodingKey {
        case summary, terms
    }

    /// Terms are stored as one string, `term weight term weight …` sorted by term: a project
    /// has thousands of them, and the build cache keeps every project's.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        summary = try container.decode(ProjectSummary.self, forKey: .summary)
        let packed = try container.decode(String.self, forKey: .terms)
        var terms: [String: Int] = [:]
        let fields = packed.utf8.split(separator: UInt8(ascii: " "))
        guard fields.count % 2 == 0 else {
            throw DecodingError.dataCorruptedError(forKey: .terms, in: container, debugDescription: "odd number of fields")
        }
        terms.reserveCapacity(fields.count / 2)
        for index in stride(from: 0, to: fields.count, by: 2) {
            guard let weight = Int(String(decoding: fields[index + 1], as: UTF8.self)) else {
                throw DecodingError.dataCorruptedError(forKey: .terms, in: container, debugDescription: "weight is not a number")
            }
            terms[String(decoding: fields[index], as: UTF8.self)] = weight
        }
        self.terms = terms
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(summary, forKey: .summary)
        // Terms are runs of letters and digits (`tokens`): never a space.
        try container.encode(terms.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: " "),
                             forKey: .terms)
    }
}

/// The static search index of `docs/search-index.md`: term shards small enough that a query
/// downloads a few of them, document chunks for the results, and facets for filtering.
public enum SearchIndex {
    public static let format = 2
    public static let chunkSize = 8
    /// A shard larger than this is split by one more character of its terms.
    static let shardBytes = 16_000
    /// Words of README and guide text indexed per project.
    static let maxTextTokens = 4_000

    // MARK: - Tokens and weights

    /// Lower-cased runs of letters and digits, 2 characters or more (as search-core.js does).
    /// - Parameter limit: stop after this many tokens (a 300 KB README need not be read to its end
    ///   for 4,000 words).
    public static func tokens(_ text: String, limit: Int = .max) -> [String] {
        var tokens: [String] = []
        var current = String.UnicodeScalarView()
        var length = 0
        var isASCII = true
        func finish() {
            if length >= 2 {
                // One spelling for each word (NFC): terms are compared and sorted as bytes.
                tokens.append(isASCII ? String(current) : String(current).precomposedStringWithCanonicalMapping)
            }
            isASCII = true
            current = String.UnicodeScalarView()
            length = 0
        }
        for scalar in text.unicodeScalars {
            if tokens.count >= limit { break }
            let value = scalar.value
            if value < 0x80 {
                // ASCII, nearly all of it: no Unicode tables.
                if (0x61...0x7A).contains(value) || (0x30...0x39).contains(value) {
                    current.append(scalar)
                    length += 1
                } else if (0x41...0x5A).contains(value) {
                    current.append(Unicode.Scalar(value + 0x20)!)
                    length += 1
                } else if length > 0 {
                    finish()
                }
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                // Lower-case as JavaScript's toLowerCase does, scalar by scalar.
                isASCII = false
                current.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
                length += 1
            } else if length > 0 {
                finish()
            }
        }
        finish()
        return Array(tokens.prefix(limit))
    }

    /// A field's weight counts once for each field a term occurs in.
    static func terms(name: String, topics: [String], owners: [String], accepts: [String], description: String,
                      headings: [String], text: String) -> [String: Int] {
        var weights: [String: Int] = [:]
        func add(_ texts: [String], _ weight: Int, limit: Int = .max) {
            var seen: Set<String> = []
            var count = 0
            for text in texts where count < limit {
                let found = tokens(text, limit: limit - count)
                count += found.count
                for token in found where seen.insert(token).inserted { weights[token, default: 0] += weight }
            }
        }
        add([name], 16)
        add(topics, 8)
        add(owners, 8)
        add(accepts.map { $0.replacingOccurrences(of: "-", with: " ") }, 6)
        add([description], 4)
        add(headings, 2)
        add([text], 1, limit: maxTextTokens)
        return weights
    }

    // MARK: - Files

    /// Every file of the index by its path under `search/`, documents in the order given
    /// (their ids): a small index made in memory.
    public static func files(for documents: [SearchDocument]) throws -> [(path: String, data: Data)] {
        let entries = Postings(terms: documents.map(\.terms)).entries
        var shards = TermShards(vocabulary: entries.map { ($0.text, $0.pairs.count) })
        var files: [(path: String, data: Data)] = entries.compactMap { shards.add($0) }
        try writeDocuments(summaries: documents.map(\.summary), shards: shards.names) { files.append(($0, $1)) }
        return files.sorted { $0.path < $1.path }
    }

    /// The files of the index besides the term shards (`TermShards`), one at a time, each
    /// handed to `write` (path under `search/`, content) before the next is made: the
    /// manifest naming the shards, the result documents, facets and orders.
    public static func writeDocuments(summaries documents: [ProjectSummary], shards: [String],
                                      to write: (_ path: String, _ data: Data) throws -> Void) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let manifest = Manifest(format: format, documents: documents.count, chunkSize: chunkSize, shards: shards)
        try write("shards.json", try encoder.encode(manifest))
        for start in stride(from: 0, to: documents.count, by: chunkSize) {
            let chunk = documents[start..<min(start + chunkSize, documents.count)].enumerated().map { offset, document in
                ResultDocument(document, id: start + offset)
            }
            try write("docs/\(start / chunkSize).json", try encoder.encode(chunk))
        }
        let facets = Facets(documents)
        try write("facets.json", try encoder.encode(["facets": facets.facets]))
        try write("order.json", orderJSON(facets.order))
    }

    /// `{"order":{"activity":[…],"name":[…],"readiness":[…]}}`, as the encoder with sorted keys
    /// writes it, without the encoder's tree of a number for each project and order.
    static func orderJSON(_ order: [String: [Int]]) -> Data {
        var json = Array(#"{"order":{"#.utf8)
        for (index, key) in order.keys.sorted().enumerated() {
            json.append(contentsOf: (index > 0 ? ",\"" : "\"").utf8)
            json.append(contentsOf: key.utf8)
            json.append(contentsOf: "\":[".utf8)
            for (position, rank) in order[key]!.enumerated() {
                if position > 0 { json.append(UInt8(ascii: ",")) }
                json.append(contentsOf: String(rank).utf8)
            }
            json.append(UInt8(ascii: "]"))
        }
        json.append(contentsOf: "}}".utf8)
        return Data(json)
    }

    /// Groups terms by their first `prefixLength` characters, and splits a group by one more
    /// character while its postings are too large; terms no longer than the prefix stay in it.
    /// Gives each term its shard's prefix.
    static func split(_ terms: [(term: String, pairCount: Int)], prefixLength: Int, into shards: inout [String: String]) {
        let groups = Dictionary(grouping: terms) { String($0.term.prefix(prefixLength)) }
        for (prefix, group) in groups {
            guard size(group) > shardBytes else {
                for term in group { shards[term.term] = prefix }
                continue
            }
            // Only the large branches get shards of their own; the small ones stay here, so a
            // big catalogue does not scatter into thousands of tiny files.
            let branches = Dictionary(grouping: group.filter { $0.term.count > prefixLength }) {
                String($0.term.prefix(prefixLength + 1))
            }
            var own = group.filter { $0.term.count <= prefixLength }
            var deeper: [(term: String, pairCount: Int)] = []
            for (_, branch) in branches {
                if size(branch) >= shardBytes / 4 { deeper += branch } else { own += branch }
            }
            for term in own { shards[term.term] = prefix }
            if !deeper.isEmpty { split(deeper, prefixLength: prefixLength + 1, into: &shards) }
        }
    }

    /// About the bytes the terms take in a shard's JSON.
    private static func size(_ terms: [(term: String, pairCount: Int)]) -> Int {
        terms.reduce(0) { $0 + $1.term.utf8.count + 6 + $1.pairCount / 2 * 9 }
    }

    struct Manifest: Encodable {
        var format: Int
        var documents: Int
        var chunkSize: Int
        var shards: [String]
    }

    struct ResultDocument: Encodable {
        var id: Int
        var slug: String
        var url: String
        var name: String
        var description: JSONNullable<String>
        var owners: [String]
        var topics: [String]
        var accepts: [String]
        var level: String
        var score: Int
        var review: Bool
        var lastCommit: JSONNullable<String>

        init(_ summary: ProjectSummary, id: Int) {
            self.id = id
            slug = summary.slug
            url = SiteLayout.projectURL(slug: summary.slug)
            name = summary.name
            description = JSONNullable(summary.description)
            owners = summary.owners
            topics = summary.topics
            accepts = summary.accepts
            level = summary.level?.rawValue ?? ""
            score = summary.score ?? 0
            review = summary.hasReviewCommitment
            lastCommit = JSONNullable(summary.lastCommit)
        }
    }

    struct Facets: Encodable {
        struct Facet: Encodable {
            var values: [String]
            /// For each value, its documents' ids as `IdList` text.
            var documents: [String]
        }

        var facets: [String: Facet]
        var order: [String: [Int]]

        init(_ documents: [ProjectSummary]) {
            func facet(_ values: (ProjectSummary) -> [String]) -> Facet {
                var ids: [String: [Int]] = [:]
                for (id, document) in documents.enumerated() {
                    for value in Set(values(document)) where !value.isEmpty { ids[value, default: []].append(id) }
                }
                let sorted = ids.keys.sorted()
                return Facet(values: sorted, documents: sorted.map { IdList.encode(ids[$0]!) })
            }
            facets = Dictionary(uniqueKeysWithValues: AtriumModel.Facet.all.map { ($0.name, facet($0.values)) })
            func ranks(_ order: [Int]) -> [Int] {
                var rank = [Int](repeating: 0, count: documents.count)
                for (position, id) in order.enumerated() { rank[id] = position }
                return rank
            }
            let ids = Array(documents.indices)
            let names = documents.map { $0.name.lowercased() }
            order = [
                "name": ranks(ids.sorted { (names[$0], $0) < (names[$1], $1) }),
                "activity": ranks(ids.sorted { (documents[$0].lastCommit ?? "", -$0) > (documents[$1].lastCommit ?? "", -$1) }),
                "readiness": ranks(ids.sorted { (documents[$0].score ?? 0, -$0) > (documents[$1].score ?? 0, -$1) }),
            ]
        }
    }
}

/// Ascending document ids as short text: each id as its distance from the previous one (the
/// first as itself, the rest less one, so every number is ≥ 0), each number in groups of five
/// bits, lowest first, one base64url character per group with 32 added while more follow. A
/// facet value's ids then cost about a character each where the value is common, and facets
/// at 10,000 projects fit in a first query's budget. `search-core.js` has the decoder.
public enum IdList {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    public static func encode(_ ids: [Int]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(ids.count * 2)
        var previous = -1
        for id in ids {
            precondition(id > previous, "ids must ascend")
            var number = id - previous - 1
            previous = id
            repeat {
                var digit = number & 31
                number >>= 5
                if number > 0 { digit |= 32 }
                bytes.append(alphabet[digit])
            } while number > 0
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// The term shards of the index, made from postings that arrive in term order (from a
/// merge of files, or from memory): each shard's JSON is put together as its terms arrive
/// and handed back when its last term has, so only the shards under way are in memory.
public struct TermShards {
    /// The shards' prefixes, sorted: what the manifest lists.
    public let names: [String]
    private let shardOf: [String: Int]
    private var remaining: [Int]
    private var open: [Int: [UInt8]] = [:]
    private static let opening = Array(#"{"terms":{"#.utf8)

    /// - Parameter vocabulary: every term with its number of pairs' numbers (two a pair).
    public init(vocabulary: [(term: String, pairCount: Int)]) {
        var prefixes: [String: String] = [:]
        SearchIndex.split(vocabulary, prefixLength: 1, into: &prefixes)
        names = Set(prefixes.values).sorted()
        let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        shardOf = prefixes.mapValues { index[$0]! }
        var remaining = [Int](repeating: 0, count: names.count)
        for shard in shardOf.values { remaining[shard] += 1 }
        self.remaining = remaining
    }

    /// Adds the next term (of the vocabulary, in byte order); returns its shard's file
    /// (path under `search/`, content) when it was the shard's last term. The file is
    /// `{"terms":{"term":[[id,weight],…],…}}`, written by hand: this is most of the index's
    /// bytes.
    public mutating func add(_ entry: PostingsEntry) -> (path: String, data: Data)? {
        guard let shard = shardOf[entry.text] else { preconditionFailure("a term that is not in the vocabulary") }
        let first = open[shard] == nil
        Self.append(entry, first: first, to: &open[shard, default: Self.opening])
        remaining[shard] -= 1
        guard remaining[shard] == 0, var json = open.removeValue(forKey: shard) else { return nil }
        json.append(contentsOf: "}}".utf8)
        return ("terms/\(names[shard]).json", Data(json))
    }

    /// `"term":[[id,weight],…]`, after a comma unless it is the shard's first.
    private static func append(_ entry: PostingsEntry, first: Bool, to json: inout [UInt8]) {
        if !first { json.append(UInt8(ascii: ",")) }
        json.append(UInt8(ascii: "\""))
        // Tokens are letters and digits, but postings read back from a file are escaped all
        // the same: a damaged or crafted term must not break out of its string.
        for byte in entry.term {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): json += [UInt8(ascii: "\\"), byte]
            case 0..<0x20: json += Array(String(format: "\\u%04x", byte).utf8)
            default: json.append(byte)
            }
        }
        json.append(contentsOf: "\":[".utf8)
        for index in stride(from: 0, to: entry.pairs.count, by: 2) {
            json.append(contentsOf: index == 0 ? "[".utf8 : ",[".utf8)
            appendNumber(entry.pairs[index], to: &json)
            json.append(UInt8(ascii: ","))
            appendNumber(entry.pairs[index + 1], to: &json)
            json.append(UInt8(ascii: "]"))
        }
        json.append(UInt8(ascii: "]"))
    }

    private static func appendNumber(_ number: Int32, to json: inout [UInt8]) {
        if number < 0 { json.append(UInt8(ascii: "-")) }
        var value = number.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
                count += 1
            } while value > 0
            for index in (0..<count).reversed() { json.append(buffer[index]) }
        }
    }
}
