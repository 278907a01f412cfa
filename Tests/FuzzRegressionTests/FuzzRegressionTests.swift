import AtriumTestSupport
import Foundation
import FuzzTargets
import Index
import Testing

/// Inputs the fuzzer found (`Tests/Fuzz/Regressions/TARGET/`, copied there by scripts/fuzz),
/// replayed through the same properties; and the tokenizer fixture both tokenizers are held to.
@Suite struct FuzzRegressionTests {
    static let regressions = Checkout.root + "/Tests/Fuzz/Regressions"

    static func inputs() -> [(target: FuzzTarget, path: String)] {
        FuzzTarget.allCases.flatMap { target -> [(FuzzTarget, String)] in
            let folder = regressions + "/" + target.rawValue
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { !$0.hasPrefix(".") }
            return names.sorted().map { (target, folder + "/" + $0) }
        }
    }

    @Test func everySavedInputKeepsEveryProperty() throws {
        for (target, path) in Self.inputs() {
            let bytes = try #require(FileManager.default.contents(atPath: path))
            #expect(target.check(Array(bytes)) == nil, "\(target.rawValue): \(path)")
        }
    }

    /// Properties that fail on a bad output: the checks themselves are checked.
    @Test func thePropertiesCatchWhatTheyAreFor() {
        #expect(SafeHTMLProbe.problem(in: "<p onclick=\"x()\">hi</p>")?.contains("onclick") == true)
        #expect(SafeHTMLProbe.problem(in: "<a href=\"java\tscript:alert(1)\">x</a>")?.contains("href") == true)
        #expect(SafeHTMLProbe.problem(in: "<svg><script>x</script></svg>")?.contains("not allowed") == true)
        #expect(SafeHTMLProbe.problem(in: "<img src=\"data:image/png;base64,AAAA\">")?.contains("src") == true)
        #expect(SafeHTMLProbe.problem(in: "<p><a href=\"https://acme.example/a:b\">ok</a> <a href=\"docs/x:y\">ok</a></p>") == nil)
    }

    @Test func theTokenizerFixtureIsWhatTheSwiftIndexMakes() throws {
        let path = Checkout.root + "/Tests/SearchJS/fixtures/tokenizer-fuzz.json"
        let cases = try JSONDecoder().decode([TokenizerFixture.Case].self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(cases.count >= 50)
        for entry in cases { #expect(SearchIndex.tokens(entry.text) == entry.tokens, "\(entry.text.debugDescription)") }
    }
}
