import AtriumBuild
import AtriumModel
import AtriumTestSupport
import Foundation
import Testing

/// Precision and recall of extraction against what careful readers found in real repositories
/// (`Expected/real/`, one file per folder of `../shared/corpus/real/`) and in the samples
/// (`Expected/samples/`). The matching rules are in docs/extraction.md. Prints a table (lines
/// starting `accuracy:`; `scripts/evaluate-extraction` shows it) and holds each field to a floor.
@Suite struct ExtractionAccuracyTests {
    struct Counts {
        var extracted = 0, expected = 0, matchedExtracted = 0, matchedExpected = 0
        var precision: Double { extracted == 0 ? 1 : Double(matchedExtracted) / Double(extracted) }
        var recall: Double { expected == 0 ? 1 : Double(matchedExpected) / Double(expected) }

        /// Each expected fact matches at most one extracted fact and the other way round.
        mutating func add(extracted found: [[String]], expected wanted: [[String]]) {
            extracted += found.count
            expected += wanted.count
            var unmatched = found
            for keys in wanted {
                if let index = unmatched.firstIndex(where: { !Set($0).isDisjoint(with: keys) }) {
                    unmatched.remove(at: index)
                    matchedExpected += 1
                    matchedExtracted += 1
                }
            }
        }
    }

    static let fields = ["owners", "trustedCommitters", "accepts", "doesNotAccept", "onboarding", "reviewCommitment", "channels"]

    /// Per fact, the keys it can be matched by (any one shared key is a match); one entry per
    /// distinct fact of the field.
    static func keys(_ field: String, in json: [String: Any]) -> [[String]] {
        func items() -> [[String: Any]] { json[field] as? [[String: Any]] ?? [] }
        func lower(_ value: Any?) -> String? { (value as? String)?.lowercased() }
        func distinct(_ facts: [[String]]) -> [[String]] {
            var seen: Set<[String]> = []
            return facts.filter { !$0.isEmpty && seen.insert($0).inserted }
        }
        switch field {
        case "owners", "trustedCommitters":
            return distinct(items().map { item in
                [lower(item["handle"]), lower(item["name"])].compactMap { $0 }.map { $0.hasPrefix("@") ? String($0.dropFirst()) : $0 }
            })
        case "accepts", "doesNotAccept":
            return distinct(items().compactMap { ($0["type"] as? String).map { [$0] } })
        case "onboarding":
            // Line by line, as CONVENTIONS.md counts commands: each line of a block is one, and
            // how the lines are grouped into steps does not matter.
            return distinct(items().flatMap { item in
                ((item["command"] as? String) ?? "").split(separator: "\n").map { line in
                    var words = line.split(whereSeparator: \.isWhitespace)
                    if let comment = words.firstIndex(where: { $0.hasPrefix("#") }), comment > 0 { words = Array(words[..<comment]) }
                    return [words.joined(separator: " ")]
                }
            })
        case "reviewCommitment":
            guard let review = json[field] as? [String: Any] else { return [] }
            return [["hours:\((review["hours"] as? Int).map(String.init) ?? "none")"]]
        case "channels":
            return distinct(items().compactMap { item in
                guard let kind = item["kind"] as? String else { return nil }
                let url = lower(item["url"]).map(normalisedURL)
                return [lower(item["name"]), url].compactMap { $0 }.map { "\(kind) \($0)" }
            })
        default:
            return []
        }
    }

    static func normalisedURL(_ url: String) -> String {
        var text = Substring(url)
        for scheme in ["https://", "http://", "mailto:"] where text.hasPrefix(scheme) { text = text.dropFirst(scheme.count) }
        if text.hasPrefix("www.") { text = text.dropFirst(4) }
        while text.hasSuffix("/") { text = text.dropLast() }
        return String(text)
    }

    /// Every (expected file, repository folder) pair.
    static func cases() throws -> [(expected: String, folder: String)] {
        let base = Checkout.root + "/Tests/ExtractTests/Expected"
        var cases: [(String, String)] = []
        for (group, root) in [("real", Checkout.realCorpus), ("samples", Checkout.samples)] {
            let names = try FileManager.default.contentsOfDirectory(atPath: base + "/" + group).filter { $0.hasSuffix(".json") }
            for name in names.sorted() {
                cases.append((base + "/" + group + "/" + name, root + "/" + String(name.dropLast(5))))
            }
        }
        return cases
    }

    static func measure() throws -> (totals: [String: Counts], misses: [String]) {
        var totals: [String: Counts] = [:]
        var misses: [String] = []
        for (expectedPath, folder) in try cases() {
            let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: expectedPath))) as! [String: Any]
            guard let project = Inspection.inspect(folder: folder).project else {
                Issue.record("\(folder) could not be read")
                continue
            }
            let output = try JSONSerialization.jsonObject(with: Data(ProjectReport.json(project).utf8)) as! [String: Any]
            for field in fields {
                let found = keys(field, in: output), wanted = keys(field, in: expected)
                totals[field, default: Counts()].add(extracted: found, expected: wanted)
                let name = (folder as NSString).lastPathComponent
                for extra in found where !wanted.contains(where: { !Set($0).isDisjoint(with: extra) }) {
                    misses.append("\(name) \(field): extra \(extra.joined(separator: " | "))")
                }
                for missing in wanted where !found.contains(where: { !Set($0).isDisjoint(with: missing) }) {
                    misses.append("\(name) \(field): missed \(missing.joined(separator: " | "))")
                }
            }
        }
        return (totals, misses)
    }

    /// Floors below which a change has made extraction worse; raise them as it improves.
    static let floors: [String: (precision: Double, recall: Double)] = [
        "owners": (0.95, 0.95),
        "trustedCommitters": (0.95, 0.95),
        // A guide's "Reporting bugs" section and its "report it at…" sentences accept (CONVENTIONS.md):
        // recall 0.72 → 0.81, precision 0.82 → 0.72 against the older labels.
        // Words read as words and headings named only by kinds: precision 0.72 → 0.74, recall 0.85 → 0.91.
        // Documentation only when a sentence changes it, README security readings only in its
        // security and help parts: precision 0.74 → 0.76; "no" after "has" no refusal: 0.80 → 0.86.
        "accepts": (0.74, 0.88),
        "doesNotAccept": (0.84, 0.60),
        // The expected files of corpus/real were read under the older rule (set-up headings
        // only); CONVENTIONS.md also counts a guide's "run `make test` before a pull request",
        // which those files list as extras: precision here is measured against the old rule.
        "onboarding": (0.55, 0.85),
        "reviewCommitment": (0.85, 0.90),
        // As for onboarding: "open an issue" sends contributors to the issue tracker under
        // CONVENTIONS.md; the older corpus/real files did not list such trackers.
        "channels": (0.78, 0.85),
    ]

    @Test(Shared.needs("corpus/real")) func precisionAndRecallPerField() throws {
        let (totals, misses) = try Self.measure()
        print("accuracy: field               precision  recall   (matched/extracted, matched/expected)")
        for field in Self.fields {
            let counts = totals[field] ?? Counts()
            let padded = field.padding(toLength: 19, withPad: " ", startingAt: 0)
            print("accuracy: \(padded)" + String(format: " %9.2f %7.2f   (%d/%d, %d/%d)", counts.precision, counts.recall,
                                                     counts.matchedExtracted, counts.extracted, counts.matchedExpected, counts.expected))
            let floor = Self.floors[field]!
            #expect(counts.precision >= floor.precision, "\(field) precision \(counts.precision)")
            #expect(counts.recall >= floor.recall, "\(field) recall \(counts.recall)")
        }
        for miss in misses { print("accuracy-miss: \(miss)") }
    }
}
