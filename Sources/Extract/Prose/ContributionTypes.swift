import AtriumModel

/// Reads which kinds of contribution a phrase speaks of: "Bug reports and fixes" is both
/// `bug-reports` and `bug-fixes`; "Fixing typos in the docs" is `documentation`.
///
/// Words are matched as words: a term is the start of a word ("doc" would be "docker", so the
/// term is "docs"), a phrase of words, or, for scripts written without spaces, any part of the
/// text. Each type has a vocabulary of stems in the languages contributing guides are written
/// in, not phrases of any one guide.
enum ContributionTypes {
    /// A phrase prepared for word matching: lower-cased, every character that is not a letter
    /// or digit a space.
    struct Words {
        /// The words, each with a space before and after: " fix the docs ". A term's start is a
        /// word's start when a space comes before it, so every test is one byte search.
        let padded: String

        init(_ phrase: String) {
            guard phrase.utf8.allSatisfy({ $0 < 0x80 }) else {
                // Other scripts: letters and digits by their Unicode properties.
                var text = " "
                for scalar in phrase.lowercased().unicodeScalars {
                    if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                        text.unicodeScalars.append(scalar)
                    } else if text.utf8.last != 0x20 {
                        text += " "
                    }
                }
                padded = text.utf8.last == 0x20 ? text : text + " "
                return
            }
            var bytes: [UInt8] = [0x20]
            bytes.reserveCapacity(phrase.utf8.count + 2)
            for byte in phrase.utf8 {
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(byte + 0x20)
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): bytes.append(byte)
                default: if bytes.last != 0x20 { bytes.append(0x20) }
                }
            }
            if bytes.last != 0x20 { bytes.append(0x20) }
            let text = String(decoding: bytes, as: UTF8.self)
            // Continuous integration is the build, not an integration with something new.
            padded = text.includes(" continuous integration") ? text.replacingOccurrences(of: " continuous integration", with: " ci")
                : text
        }

        /// `term`: a word's start ("vulnerab"), an exact word ("=ux"), a part of a compound
        /// word ("~bericht" in "Fehlerbericht"), words in a row ("new rule"), or text of a
        /// script without spaces ("バグ").
        func has(_ term: String) -> Bool {
            switch term.utf8.first {
            case UInt8(ascii: "="): padded.includes(" " + term.dropFirst() + " ")
            case UInt8(ascii: "~"): padded.includes(String(term.dropFirst()))
            case let first? where first >= 0xE0: padded.includes(term)  // CJK and the like: no spaces between words
            default: padded.includes(" " + term)
            }
        }

        func hasAny(_ terms: [String]) -> Bool { terms.contains(where: has) }
    }

    static let bugNouns = ["bug", "defect", "issue", "problem", "regression", "crash", "error", "fault", "~fehler", "bogue",
                           "erreur", "errore", "anomal", "バグ", "不具合", "缺陷", "错误", "問題"]
    static let reportWords = ["report", "filing", "file an", "file a", "open an issue", "opening issue", "raise", "raising",
                              "submit an issue", "signal", "rapport", "melden", "~meldung", "~bericht", "報告", "报告", "反馈"]
    static let fixWords = ["fix", "hotfix", "bugfix", "correct", "corrig", "correg", "resolv", "~beheb", "~korrektur",
                           "修正", "修复"]

    static let securityStems = ["security", "vulnerab", "securit", "sécurit", "~sicherheit", "sicurezza", "脆弱性", "安全"]

    /// Stems per type, after bugs (which need a report or a fix word to tell the two apart).
    private static let vocabulary: [(ContributionType, [String])] = [
        (.securityReports, securityStems),
        (.translations, ["translat", "locali", "i18n", "l10n", "~übersetz", "sprache", "traduc", "tradu", "lokalis", "翻訳", "翻译"]),
        (.documentation, ["docs", "=doc", "document", "~doku", "typo", "readme", "tutorial", "spelling", "wording", "wiki",
                          "ドキュメント", "文書", "文档", "文檔"]),
        (.tests, ["test", "coverage", "benchmark", "テスト", "测试", "測試"]),
        (.design, ["design", "=ux", "ui design", "ui ux", "icon", "accessib", "a11y", "visual", "mockup"]),
        (.reviews, ["review", "triag", "レビュー"]),
        (.features, ["feature", "functionalit", "fonctionnalit", "funcionalidad", "funzionalit", "extension", "plugin",
                     "integration", "new rule", "new component", "new template", "endpoint", "機能", "功能", "特性"]),
    ]

    /// The stems of one kind's vocabulary (`Words.has` terms).
    static func stems(of type: ContributionType) -> [String] {
        vocabulary.first { $0.0 == type }?.1 ?? []
    }

    /// Words that make a change a feature only when it names no other kind: "Documentation
    /// improvements" are documentation.
    private static let improvementWords = ["improvement", "enhancement", "amélior", "verbesser", "erweiter", "mejora", "miglior",
                                           "改善", "改进"]

    /// Like `classify`, but a phrase that speaks of contributions in general ("pull requests",
    /// "code patches", "contributions") is `other`.
    static func classifyOrGeneric(_ phrase: String) -> [ContributionType] {
        let words = Words(phrase)
        let types = classify(words)
        guard types.isEmpty else { return types }
        return namesOther(words) ? [.other] : []
    }

    /// CONVENTIONS.md: "other" is anything else the project names — all pull requests,
    /// questions, feedback, ideas, examples.
    static func namesOther(_ words: Words) -> Bool {
        words.hasAny(["pull request", "merge request", "patch", "=pr", "=prs", "=mr", "=mrs", "code", "contribution",
                      "feedback", "question", "idea", "suggestion", "submission", "example", "=support", "support request",
                      "domand", "richiest", "supporto", "fragen", "pregunt", "demande", "貢献", "贡献", "質問"])
    }

    static func classify(_ phrase: String) -> [ContributionType] { classify(Words(phrase)) }

    static func classify(_ words: Words) -> [ContributionType] {
        var types: [ContributionType] = []
        let mentionsBug = words.hasAny(bugNouns)
        let reports = words.hasAny(reportWords)
        let fixes = words.hasAny(fixWords)
        if mentionsBug {
            // "Issues are for bugs": an issue that carries a bug is its report.
            let issueCarriesBug = words.has("issue") && words.hasAny(bugNouns.filter { $0 != "issue" })
            if reports || (issueCarriesBug && !fixes) { types.append(.bugReports) }
            if fixes { types.append(.bugFixes) }
            // "Bugs" with neither word: a bare "bugs" is usually their fixes.
            if !reports && !fixes && !issueCarriesBug && words.has("bug") { types.append(.bugFixes) }
            // "Bug reports and fixes" names the noun once.
            if reports && words.has("and fix") && !types.contains(.bugFixes) { types.append(.bugFixes) }
        } else if fixes {
            types.append(.bugFixes)
        }
        for (type, stems) in vocabulary where words.hasAny(stems) {
            // A security *fix* is still a fix; a security *report* is a security report.
            if type == .securityReports, !reports && !words.has("disclos") { continue }
            types.append(type)
        }
        if types.contains(.securityReports) { types.removeAll { $0 == .bugReports } }
        if types.isEmpty, words.hasAny(improvementWords) { types.append(.features) }
        // "New payment providers", "Support for Kafka 4": new capability is a feature.
        if types.isEmpty, words.hasAny(["support for", "add support", "adding support", "new capabilit"]) || namesNewThing(words) {
            types.append(.features)
        }
        var unique: [ContributionType] = []
        for type in types where !unique.contains(type) { unique.append(type) }
        return unique
    }

    /// "New payment providers" are a feature; new contributors, releases, issues and branches are not.
    private static func namesNewThing(_ words: Words) -> Bool {
        guard words.has("=new") else { return false }
        let notThings = ["new contributor", "new developer", "new user", "new maintainer", "new member", "new people",
                         "new comer", "new folk", "new release", "new version", "new issue", "new pull", "new branch",
                         "new to", "new here"]
        return !words.hasAny(notThings)
    }

    /// Words that say how a kind is handed in, and the small words between: a heading made of
    /// nothing else ("Reporting a bug", "Feature requests", "Improving the docs") names a kind;
    /// one with other words ("Security checks", "Build the Docker image") names a task.
    private static let headingWords: Set<Substring> = [
        "a", "an", "the", "to", "and", "or", "of", "for", "in", "on", "with", "your", "our", "new", "how", "what", "we",
        "you", "i", "my", "it", "its", "this", "any", "other", "small", "more", "us",
        "report", "reports", "reporting", "request", "requests", "requesting", "submit", "submitting", "suggest",
        "suggesting", "suggestion", "suggestions", "propose", "proposing", "proposal", "proposals", "fix", "fixes",
        "fixing", "improve", "improving", "improvement", "improvements", "add", "adding", "write", "writing", "contribute",
        "contributing", "contribution", "contributions", "translate", "translating", "issue", "issues", "pull", "pr", "prs",
        "file", "filing", "open", "opening", "help", "helping", "change", "changes", "guideline", "guidelines", "policy",
        "process", "found", "find", "finding", "raise", "raising", "update", "updating", "updates", "disclosure",
        "disclosing", "welcome", "wanted", "un", "une", "le", "la", "les", "des", "de", "du", "et", "ou", "pour", "il",
        "lo", "di", "e", "o", "per", "el", "los", "las", "y", "der", "die", "das", "ein", "eine", "und", "oder", "für",
        "von", "zu", "melden", "signaler",
    ]

    /// The kinds a heading is the name of: every word of it is a kind or a word of handing one in.
    /// A guide's "Security" section tells how to report a vulnerability.
    static func named(byHeading heading: String) -> [ContributionType] {
        let words = Words(heading)
        var types = classify(words)
        if words.hasAny(securityStems) {
            types = [.securityReports] + (words.hasAny(fixWords) ? [.bugFixes] : [])
        }
        guard !types.isEmpty else { return [] }
        let stray = words.padded.split(separator: " ").contains { word in
            guard word.utf8.allSatisfy({ $0 < 0x80 }), !headingWords.contains(word) else { return false }
            let single = Words(String(word))
            return !singleWordTerms.contains(where: single.has)
        }
        return stray ? [] : types
    }

    /// Every one-word term of the vocabularies, for telling a kind's word from another word.
    private static let singleWordTerms = (vocabulary.flatMap(\.1) + bugNouns + reportWords + fixWords + improvementWords)
        .filter { !$0.utf8.contains(UInt8(ascii: " ")) }
}
