import AtriumModel
import Testing
@testable import History

/// GitHub's CODEOWNERS pattern semantics, case by case (pattern, path, matches).
@Suite struct CodeOwnersPatternTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var pattern: String
        var path: String
        var matches: Bool
        var testDescription: String { "\(pattern) \(matches ? "matches" : "does not match") \(path)" }
    }

    static let cases: [Case] = [
        // No slash: any depth, a file or everything below a directory of that name.
        .init(pattern: "foo", path: "foo", matches: true),
        .init(pattern: "foo", path: "bar/foo", matches: true),
        .init(pattern: "foo", path: "bar/foo/baz", matches: true),
        .init(pattern: "foo", path: "foo.txt", matches: false),
        .init(pattern: "*.js", path: "a/b/c.js", matches: true),
        .init(pattern: "*.js", path: "c.jsx", matches: false),
        .init(pattern: "*", path: "any/thing/at/all", matches: true),
        .init(pattern: "f?o", path: "foo", matches: true),
        .init(pattern: "f?o", path: "fooo", matches: false),
        .init(pattern: "f?o", path: "fåo", matches: true),
        // Leading slash: anchored.
        .init(pattern: "/foo", path: "foo/bar", matches: true),
        .init(pattern: "/foo", path: "bar/foo", matches: false),
        .init(pattern: "/*", path: "README.md", matches: true),
        .init(pattern: "/*", path: "docs/README.md", matches: false),
        // Trailing slash: a directory, everything below.
        .init(pattern: "apps/", path: "apps", matches: false),
        .init(pattern: "apps/", path: "apps/a.js", matches: true),
        .init(pattern: "apps/", path: "deep/apps/x/y.js", matches: true),
        .init(pattern: "/build/logs/", path: "build/logs/a/b.log", matches: true),
        .init(pattern: "/build/logs/", path: "x/build/logs/b.log", matches: false),
        // A slash inside: anchored too.
        .init(pattern: "docs/guide", path: "docs/guide/a.md", matches: true),
        .init(pattern: "docs/guide", path: "x/docs/guide/a.md", matches: false),
        // `*` as the last segment: the directory's own files only.
        .init(pattern: "docs/*", path: "docs/getting-started.md", matches: true),
        .init(pattern: "docs/*", path: "docs/build-app/troubleshooting.md", matches: false),
        .init(pattern: "docs/*.md", path: "docs/a.md", matches: true),
        .init(pattern: "docs/*.md", path: "docs/x/a.md", matches: false),
        .init(pattern: "foo/*/baz", path: "foo/bar/baz/qux", matches: true),
        .init(pattern: "foo/*/baz", path: "foo/baz", matches: false),
        // `**`.
        .init(pattern: "**/logs", path: "logs/a", matches: true),
        .init(pattern: "**/logs", path: "deeply/nested/logs/a.log", matches: true),
        .init(pattern: "foo/**/bar", path: "foo/bar", matches: true),
        .init(pattern: "foo/**/bar", path: "foo/a/b/bar/c", matches: true),
        .init(pattern: "foo/**/bar", path: "x/foo/bar", matches: false),
        .init(pattern: "foo/**", path: "foo", matches: false),
        .init(pattern: "foo/**", path: "foo/a/b", matches: true),
        .init(pattern: "**", path: "a/b", matches: true),
        .init(pattern: "a/**/b/**/c/**/d", path: "a/x/b/y/c/z/d/e", matches: true),
        .init(pattern: "a/**/b/**/c/**/d", path: "a/x/b/y/c/z/e", matches: false),
        // Case-sensitive; escapes.
        .init(pattern: "/Docs/", path: "docs/a.md", matches: false),
        .init(pattern: "f\\*o", path: "f*o", matches: true),
        .init(pattern: "f\\*o", path: "foo", matches: false),
        .init(pattern: "/", path: "a", matches: false),
    ]

    @Test(arguments: cases)
    func pattern(_ example: Case) throws {
        let pattern = try #require(CodeOwnersPattern(example.pattern))
        #expect(pattern.matches(example.path) == example.matches)
    }

    /// GitHub does not support these: not rules at all.
    @Test(arguments: ["!negated", "src/[ab].c", "\\#hash", "a/***/b", ""])
    func unsupportedSyntaxIsNoRule(_ text: String) {
        #expect(CodeOwnersPattern(text) == nil)
    }

    @Test func rulesSkipCommentsAndUnsupportedLinesAndKeepRulesWithoutOwners() {
        let rules = CodeOwnersCheck.rules("""
            # comment

            *.js    @js-owner #This is an inline comment.
            !x @a
            /apps/github
            my\\ file.txt @spaces
            [Section] @gitlab
            """)
        #expect(rules.map(\.line) == [3, 5, 6])
        #expect(rules.map(\.pattern.text) == ["*.js", "/apps/github", "my file.txt"])
        #expect(rules.map(\.owners) == [["@js-owner"], [], ["@spaces"]])
    }

    @Test func unmatchedAndShadowedRules() {
        let text = """
            # Owners
            /src/           @alice
            /legacy/        @dave
            docs/           @bob
            *               @acme/all
            /src/core/      @alice
            *.md            @docs
            !/src/gen/      @nobody
            /src/[ab].swift @nobody
            /src/core/x.swift
            """
        let paths = ["README.md", "docs/guide.md", "docs/img.png", "src/main.swift", "src/core/x.swift", "src/core/y.swift"]
        let hygiene = CodeOwnersCheck.check(file: ".github/CODEOWNERS", text: text, paths: paths)
        #expect(hygiene.unmatched == [.init(pattern: "/legacy/", source: ".github/CODEOWNERS:3")])
        #expect(hygiene.shadowed == [.init(pattern: "/src/", source: ".github/CODEOWNERS:2"),
                                     .init(pattern: "docs/", source: ".github/CODEOWNERS:4")])
    }

    /// 200,000 paths and a few hundred rules, anchored ones looked up by prefix.
    @Test func largeTreesAreCheckedInOnePassPerRule() {
        var paths: [String] = []
        for folder in 0..<2000 { for file in 0..<100 { paths.append("pkg\(folder)/src/file\(file).swift") } }
        var rules = ["* @all"]
        for folder in 0..<300 { rules.append("/pkg\(folder)/ @team\(folder)") }
        rules.append("/pkg-gone/ @nobody")
        let hygiene = CodeOwnersCheck.check(file: "CODEOWNERS", text: rules.joined(separator: "\n"), paths: paths)
        #expect(hygiene.unmatched == [.init(pattern: "/pkg-gone/", source: "CODEOWNERS:302")])
        #expect(hygiene.shadowed.isEmpty)
    }
}
