import AtriumTestSupport
import Foundation
import Testing

/// Extraction on repositories it was not built from (`../shared/corpus/labelled`), measured by
/// the corpus's own scorer (`../shared/corpus/score`, the rules of CONVENTIONS.md): no field may
/// fall below its floor, and no repository may lose every fact of a field it had.
/// `RECORD_SNAPSHOTS=1 swift test` records the per-repository baseline after an improvement.
@Suite(Shared.needs("corpus/labelled/EXPECTED.json")) struct LabelledCorpusTests {
    /// Just under the figures reached (F1; reviewHours and sourceLines are fractions right).
    static let floors: [String: Double] = [
        "owners": 0.96, "accepts": 0.84, "doesNotAccept": 0.78, "onboarding": 0.90, "channels": 0.85,
        "reviewHours": 0.96, "sourceLines": 0.95,
    ]
    static let fields = ["owners", "accepts", "doesNotAccept", "onboarding", "channels"]
    static let baseline = Checkout.root + "/Tests/ExtractTests/Expected/labelled-baseline.json"

    @Test func everyFieldKeepsItsFloorAndNoRepositoryLosesAField() throws {
        let corpus = Checkout.shared + "/corpus/labelled"
        let scratch = try TemporaryFolder("score")
        let result = try runProgram("/usr/bin/env", ["python3", Checkout.shared + "/corpus/score", Checkout.binary, corpus,
                                                     "--misses", "--json", scratch.path + "/figures.json"],
                                    timeout: .seconds(600))
        let figuresData = try #require(FileManager.default.contents(atPath: scratch.path + "/figures.json"), "\(result.errors)")
        let report = try #require(try JSONSerialization.jsonObject(with: figuresData) as? [String: Any])
        let figures = try #require(report["figures"] as? [String: Double])
        for line in result.output.split(separator: "\n") where !line.hasPrefix("==") && !line.hasPrefix("  ") {
            print("labelled: \(line)")
        }
        for (field, floor) in Self.floors.sorted(by: { $0.key < $1.key }) {
            #expect((figures[field] ?? 0) >= floor, "\(field) \(figures[field] ?? 0) is below its floor \(floor)")
        }
        #expect((report["failures"] as? [String] ?? []).isEmpty)

        let found = try Self.matchedFields(output: result.output, expected: corpus + "/EXPECTED.json")
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(found).write(to: URL(fileURLWithPath: Self.baseline))
            Issue.record("recorded \(Self.baseline)")
            return
        }
        let had = try JSONDecoder().decode([String: [String]].self, from: Data(contentsOf: URL(fileURLWithPath: Self.baseline)))
        for (folder, fields) in had.sorted(by: { $0.key < $1.key }) {
            for field in fields where !(found[folder] ?? []).contains(field) {
                Issue.record("\(folder) lost every \(field) fact it had")
            }
        }
    }

    /// Per repository, the fields with at least one expected fact matched: the expected count
    /// less the scorer's `missed` lines.
    static func matchedFields(output: String, expected path: String) throws -> [String: [String]] {
        let data = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any]
        let repositories = data?["repositories"] as? [[String: Any]] ?? []
        var missed: [String: [String: Int]] = [:]
        var folder = ""
        for line in output.split(separator: "\n") {
            if line.hasPrefix("== ") { folder = String(line.dropFirst(3)); continue }
            let words = line.split(separator: " ", maxSplits: 2)
            if words.count >= 2, words[1] == "missed" { missed[folder, default: [:]][String(words[0]), default: 0] += 1 }
        }
        var found: [String: [String]] = [:]
        for repository in repositories {
            guard let name = repository["folder"] as? String else { continue }
            let fields = fields.filter { field in
                let list = repository[field] as? [[String: Any]] ?? []
                let count = field == "accepts" || field == "doesNotAccept" ? Set(list.compactMap { $0["type"] as? String }).count : list.count
                return count - (missed[name]?[field] ?? 0) > 0
            }
            if !fields.isEmpty { found[name] = fields }
        }
        return found
    }
}
