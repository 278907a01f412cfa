import AtriumTestSupport
import Foundation
import Markdown
import Render
import Testing

/// The GFM specification's examples through Atrium's own renderer wrapper, in the options the
/// files expect (raw HTML passed through; each example's extensions, as cmark-gfm's runner
/// enables them; footnotes on for the extension examples). The counts are those Debian's
/// cmark-gfm 0.29.0.gfm.6 reaches (`../shared/spec/README.md`).
@Suite(Shared.needs("spec")) struct SpecConformanceTests {
    struct Outcome {
        var passed: [Int] = []
        var failed: [Int] = []
    }

    func run(_ file: String, allExtensions: Bool) throws -> Outcome {
        let examples = try SpecExample.parse(contentsOf: URL(fileURLWithPath: Checkout.shared + "/spec/" + file))
        var outcome = Outcome()
        for example in examples where !example.isDisabled {
            let extensions = allExtensions ? MarkdownDocument.gfmExtensions
                : example.extensions.filter { MarkdownDocument.gfmExtensions.contains($0) }
            let document = MarkdownDocument(parsing: example.markdown, extensions: extensions,
                                            footnotes: allExtensions || example.extensions.contains("footnotes"))
            let html = HTMLRenderer.render(document, path: file, options: .specification).html
            if example.ignoresOutput || SpecHTMLNormalizer.normalize(html) == SpecHTMLNormalizer.normalize(example.html) {
                outcome.passed.append(example.number)
            } else {
                outcome.failed.append(example.number)
            }
        }
        return outcome
    }

    @Test func coreSpecification() throws {
        let outcome = try run("spec.txt", allExtensions: false)
        #expect(outcome.passed.count == 671)
        #expect(outcome.failed == [])
    }

    @Test func extensions() throws {
        let outcome = try run("extensions.txt", allExtensions: true)
        #expect(outcome.passed.count == 27)
        // The 2020 file expects footnote ids `fn1`; the installed library writes `fn-1`.
        #expect(outcome.failed == [23])
    }

    @Test func regressions() throws {
        let outcome = try run("regression.txt", allExtensions: false)
        #expect(outcome.passed.count == 18)
        #expect(outcome.failed == [13])
    }
}
