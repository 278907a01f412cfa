import AtriumModel
import Foundation
import Index
import SafeFiles
import Testing

@Suite struct PostingsTests {
    let documents: [String: [String: Int]] = [
        "alpha": ["payments": 16, "gateway": 4, "go": 1, "zürich": 2],
        "beta": ["search": 16, "gateway": 2],
        "gamma": ["payments": 8, "kafka": 1],
        "delta": ["kafka": 16, "go": 2, "zürich": 1],
    ]

    func fresh(_ slugs: [String], _ documents: [String: [String: Int]]? = nil) -> [PostingsEntry] {
        Postings(terms: slugs.map { (documents ?? self.documents)[$0]! }).entries
    }

    /// A folder of its own for each test, removed after it.
    func withFolder<T>(_ body: (String) throws -> T) throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("postings-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        return try body(folder)
    }

    func merged(_ readers: [PostingsReader]) throws -> [PostingsEntry] {
        var entries: [PostingsEntry] = []
        try PostingsMerge.merge(readers) { entries.append($0) }
        return entries
    }

    /// Postings the builder wrote out in many small runs, merged, are the postings made in
    /// memory; projects added in any order get the ids of the final order.
    @Test(arguments: [2, 5, 1 << 20]) func runsMergeIntoThePostingsMadeInMemory(budget: Int) throws {
        try withFolder { folder in
            let slugs = ["alpha", "beta", "delta", "gamma"]
            let builder = PostingsBuilder(slugs: slugs, directory: folder + "/runs", budget: budget)
            for slug in ["gamma", "alpha", "delta", "beta"] { try builder.add(slug: slug, terms: documents[slug]!) }
            let runs = try builder.runs(inOrderOf: slugs)
            #expect(budget > 100 ? runs.count == 1 : runs.count > 2)
            #expect(try merged(runs) == fresh(slugs))
            // Read again, the runs give the same; removed, nothing is left.
            #expect(try merged(try builder.runs(inOrderOf: slugs)) == fresh(slugs))
            builder.removeRuns()
            #expect(!FileManager.default.fileExists(atPath: folder + "/runs"))
        }
    }

    /// A word as long as a README can hold goes through a run and back whole.
    @Test func aVeryLongWordSurvivesARun() throws {
        try withFolder { folder in
            let word = String(repeating: "a", count: 20_000)
            let builder = PostingsBuilder(slugs: ["alpha"], directory: folder + "/runs", budget: 2)
            try builder.add(slug: "alpha", terms: [word: 1, "go": 2])
            #expect(try merged(try builder.runs(inOrderOf: ["alpha"])) == fresh(["alpha"], ["alpha": [word: 1, "go": 2]]))
        }
    }

    /// A term that needs escaping (only a damaged or crafted file has one) stays inside its
    /// JSON string.
    @Test func aShardEscapesItsTerms() throws {
        let term = "a\"b\\c\u{1}"
        var shards = TermShards(vocabulary: [(term, 2)])
        let shard = shards.add(PostingsEntry(term: Array(term.utf8), pairs: [0, 3]))
        let (path, data) = try #require(shard)
        #expect(path == "terms/a.json")
        let terms = (try JSONSerialization.jsonObject(with: data) as? [String: [String: [[Int]]]])?["terms"]
        #expect(terms == [term: [[0, 3]]])
    }

    /// Writes `entries` for `slugs` as the build cache keeps them (without its header).
    func file(_ slugs: [String], _ entries: [PostingsEntry], at path: String) throws {
        var bytes: [UInt8] = []
        PostingsFile.appendSlugs(slugs, to: &bytes)
        for entry in entries { PostingsFile.append(entry, to: &bytes) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// Every kind of change, applied to the last build's postings through the mapping, gives
    /// the postings made from scratch: a project edited, added (between others, so ids shift),
    /// removed, nothing changed.
    @Test func anUpdateGivesWhatMakingThemAfreshGives() throws {
        try withFolder { folder in
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let oldSlugs = ["alpha", "beta", "gamma"]
            try file(oldSlugs, fresh(oldSlugs), at: folder + "/old.bin")
            var edited = documents
            edited["beta"] = ["search": 16, "index": 8]
            let cases: [(slugs: [String], changed: [String: [String: Int]], expected: [PostingsEntry])] = [
                (oldSlugs, ["beta": edited["beta"]!], fresh(oldSlugs, edited)),
                (["alpha", "beta", "delta", "gamma"], ["delta": documents["delta"]!], fresh(["alpha", "beta", "delta", "gamma"])),
                (["alpha", "gamma"], [:], fresh(["alpha", "gamma"])),
                (oldSlugs, [:], fresh(oldSlugs)),
            ]
            for (index, change) in cases.enumerated() {
                let reader = try FileReader(folder + "/old.bin")
                let slugs = try PostingsFile.readSlugs(from: reader)
                #expect(slugs == oldSlugs)
                let mapping = PostingsMerge.mapping(from: slugs, to: change.slugs, replacing: Set(change.changed.keys))
                let builder = PostingsBuilder(slugs: change.slugs, directory: folder + "/runs-\(index)", budget: 3)
                for (slug, terms) in change.changed { try builder.add(slug: slug, terms: terms) }
                let readers = [PostingsReader(reader, idLimit: slugs.count, mapping: mapping)]
                    + (try builder.runs(inOrderOf: change.slugs))
                #expect(try merged(readers) == change.expected, "case \(index)")
                builder.removeRuns()
            }
        }
    }

    /// Bytes cut short, out of order or naming projects that are not there are refused, never
    /// read as postings.
    @Test func damageIsRefused() throws {
        try withFolder { folder in
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let slugs = ["alpha", "beta", "delta", "gamma"]
            var bytes: [UInt8] = []
            for entry in fresh(slugs) { PostingsFile.append(entry, to: &bytes) }
            func read(_ bytes: [UInt8]) throws -> [PostingsEntry] {
                try Data(bytes).write(to: URL(fileURLWithPath: folder + "/entries.bin"))
                return try merged([PostingsReader(try FileReader(folder + "/entries.bin"), idLimit: slugs.count)])
            }
            #expect(try read(bytes) == fresh(slugs))
            for cut in [1, 3, bytes.count / 2, bytes.count - 1] {
                #expect(throws: PostingsFile.DecodingFailure.self) { try read(Array(bytes.prefix(cut))) }
            }
            #expect(throws: PostingsFile.DecodingFailure.self) { try read(bytes + [0]) }
            // An id past the last project.
            var foreign = bytes
            let firstID = 4 + fresh(slugs)[0].term.count + 4
            foreign.replaceSubrange(firstID..<firstID + 4, with: [9, 0, 0, 0])
            #expect(throws: PostingsFile.DecodingFailure.self) { try read(foreign) }
            // The same entries twice: terms no longer ascend.
            #expect(throws: PostingsFile.DecodingFailure.self) { try read(bytes + bytes) }
        }
    }

    /// Shards made from entries as they arrive are the index's shards: every term once, in
    /// the shard its prefix names, and the manifest lists exactly the shards written.
    @Test func termShardsHoldEveryTermOnce() throws {
        let projects = (0..<300).map { Project(slug: "p\($0)", repository: "p\($0)", name: Fact("Project \($0)", source: nil)) }
        let documents = projects.map { project in
            SearchDocument(project: project, headings: ["Usage"],
                           text: (0..<40).map { "word\($0 * 7 % 97) term\(project.slug.count * $0 % 31)" }.joined(separator: " "))
        }
        let files = try SearchIndex.files(for: documents)
        let shardFiles = files.filter { $0.path.hasPrefix("terms/") }
        let manifest = try JSONSerialization.jsonObject(with: files.first { $0.path == "shards.json" }!.data) as! [String: Any]
        let names = manifest["shards"] as! [String]
        #expect(names.count > 1, "a 300-project index is split")
        #expect(shardFiles.map(\.path) == names.map { "terms/\($0).json" }.sorted())
        var seen: Set<String> = []
        for shard in shardFiles {
            let prefix = String(shard.path.dropFirst("terms/".count).dropLast(".json".count))
            let terms = (try JSONSerialization.jsonObject(with: shard.data) as! [String: Any])["terms"] as! [String: Any]
            for term in terms.keys {
                #expect(term.hasPrefix(prefix), "\(term) in \(shard.path)")
                #expect(seen.insert(term).inserted, "\(term) twice")
            }
        }
        let everyTerm = Set(documents.flatMap(\.terms.keys))
        #expect(seen == everyTerm)
        // The orders, written by hand, are what the encoder writes.
        let order = files.first { $0.path == "order.json" }!.data
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let decoded = try JSONDecoder().decode([String: [String: [Int]]].self, from: order)
        #expect(decoded["order"]?["name"]?.count == 300)
        #expect(try encoder.encode(decoded) == order)
    }
}
