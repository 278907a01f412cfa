import AtriumModel

/// Reads which kinds of contribution a phrase speaks of: "Bug reports and fixes" is both
/// `bug-reports` and `bug-fixes`; "Fixing typos in the docs" is `documentation`.
enum ContributionTypes {
    /// Keyword stems per type, matched against the lower-cased phrase.
    private static let keywords: [(ContributionType, [String])] = [
        (.securityReports, ["security", "vulnerab", "脆弱性"]),
        (.translations, ["translat", "locali", "i18n", "l10n", "übersetz", "sprache", "traduc", "翻訳"]),
        (.documentation, ["doc", "typo", "readme", "guide", "tutorial", "example", "spelling", "wording", "wiki",
                          "dokumentation", "ドキュメント", "文書", "文档"]),
        (.tests, ["test", "coverage", "benchmark", "テスト", "测试"]),
        (.design, ["design", " ux ", "ui design", "icon", "accessib", "a11y", "visual"]),
        (.reviews, ["review", "triag"]),
        (.features, ["feature", "enhancement", "機能", "功能", "new functionality", "functionality", "improvement", "extension",
                     "plugin", "integration", "new rule", "new component", "new template", "endpoint"]),
    ]

    /// Like `classify`, but a phrase that speaks of contributions in general ("pull requests",
    /// "code patches", "contributions") is `other`.
    static func classifyOrGeneric(_ phrase: String) -> [ContributionType] {
        let types = classify(phrase)
        guard types.isEmpty else { return types }
        let text = phrase.lowercased()
        // CONVENTIONS.md: "other" is anything else the project names — all pull requests,
        // questions, feedback, ideas, examples.
        let generic = ["pull request", "merge request", "patch", " pr ", " prs", "code", "plugin", "contributions of any",
                       "all kinds of contributions", "any contribution", "貢献", "feedback", "question", "idea",
                       "suggestion", "submission", "contributions"]
        return generic.contains(where: { text.includes($0) }) ? [.other] : []
    }

    static func classify(_ phrase: String) -> [ContributionType] {
        let text = " " + phrase.lowercased() + " "
        var types: [ContributionType] = []
        let mentionsBug = ["bug", "defect", "issue", "problem", "regression", "crash", "error", "バグ", "fehler", "不具合"]
            .contains { text.includes($0) }
        let reports = ["report", "filing", "file an", "file a", "open an issue", "opening issue", "raise", "submit an issue",
                       "報告", "melden", "meldung", "bericht"]
            .contains { text.includes($0) }
        let fixes = ["fix", "patch", "correct", "resolv", "修正", "beheb", "korrektur"].contains { text.includes($0) }
        if mentionsBug || text.includes("fixes") {
            if reports { types.append(.bugReports) }
            if fixes || text.includes("bugfix") { types.append(.bugFixes) }
            // "Bugs" with neither word: both are usually meant by a bare "bugs".
            if !reports && !fixes && text.includes("bug") { types.append(.bugFixes) }
            // "Bug reports and fixes" names the noun once.
            if reports && text.includes(" and fix") && !types.contains(.bugFixes) { types.append(.bugFixes) }
        } else if fixes {
            types.append(.bugFixes)
        }
        for (type, stems) in keywords where stems.contains(where: { text.includes($0) }) {
            // A security *fix* is still a fix; a security *report* is a security report.
            if type == .securityReports, !reports && !text.includes("disclos") { continue }
            types.append(type)
        }
        if types.contains(.securityReports) { types.removeAll { $0 == .bugReports } }
        // "New payment providers", "Support for Kafka 4": new capability is a feature.
        if types.isEmpty, [" new ", "support for", "add support", "adding support", "new capabilit"].contains(where: { text.includes($0) }) {
            types.append(.features)
        }
        var unique: [ContributionType] = []
        for type in types where !unique.contains(type) { unique.append(type) }
        return unique
    }
}
