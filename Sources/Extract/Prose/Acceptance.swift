import Foundation
import AtriumModel
import Markdown

/// What a project says it welcomes and what it will not take: list items under headings such
/// as "What we accept" / "What we do not accept", and explicit sentences anywhere.
enum Acceptance {
    struct Result {
        var accepts: [Contribution] = []
        var doesNotAccept: [Contribution] = []
    }

    /// - Parameter isContributingGuide: a guide's sections about a kind of contribution
    ///   ("Reporting bugs", "Feature requests") accept that kind, and so do its sentences that
    ///   say how to submit one ("If you find a bug, report it at…").
    static func read(_ prose: ProseDocument, isContributingGuide: Bool = false) -> Result {
        var result = Result()
        // In a README, the parts about contributing and getting help ("Support": "if you found
        // a bug, report it at…") speak for the guide.
        let guideSection = { (section: ProseDocument.Section) in
            isContributingGuide || section.isUnder(Channels.isHelpHeading)
        }
        for section in prose.sections {
            let heading = section.heading.lowercased()
            let refusing = isRefusalHeading(heading)
            let welcoming = !refusing && isWelcomeHeading(heading)
            let inGuide = guideSection(section)
            // How to cut a release or deploy is the maintainers' work, not a way to contribute.
            let maintainersTask = section.isUnder(Onboarding.isUsageHeading)
            if inGuide, !refusing, !section.isUnder(isRefusalHeading) {
                let types = ContributionTypes.named(byHeading: heading).filter(Self.headingTypes.contains)
                if !types.isEmpty, !Self.process.contains(where: heading.includes) {
                    add(section.heading, types: types, refused: false, line: section.line, prose: prose, to: &result)
                }
            }
            // "How to contribute" lists are often the process (fork, branch, push): only items
            // that name a kind of contribution count there.
            let listsKinds = !refusing && !welcoming && isWaysToContributeHeading(heading)
            // Under "Ways to contribute", each sub-heading is a way ("### Translate patterns").
            if section.headings.count >= 2 {
                let parent = section.headings[section.headings.count - 2].lowercased()
                if isWelcomeHeading(parent) || isWaysToContributeHeading(parent) {
                    add(section.heading, refused: false, line: section.line, prose: prose, to: &result,
                        fallbackOther: isWelcomeHeading(parent))
                }
            }
            var introducesKinds = false
            for block in section.blocks {
                // "Examples of contributions include:" introduces the list that follows.
                let listIsKinds = introducesKinds
                introducesKinds = block.kind == .paragraph
                    && (prose.paragraph(block).map { introducesList($0) || welcomesList($0) } ?? false)
                if (welcoming || refusing || listsKinds || listIsKinds) && block.kind == .list {
                    // Under "How to contribute", a numbered list is the process, not the kinds.
                    if listsKinds && !listIsKinds && isOrdered(block, prose) { continue }
                    for item in block.children where item.kind == .item {
                        let text = itemText(item)
                        guard !text.isEmpty, !Self.process.contains(where: text.lowercased().includes) else { continue }
                        let line = item.startLine
                        // A refusal inside a welcoming list ("Features — but not without an RFC")
                        // is still a refusal.
                        let refused = refusing || isRefusalSentence(text.lowercased())
                        add(text, refused: refused, line: line, prose: prose, to: &result,
                            fallbackOther: !listsKinds || listIsKinds)
                    }
                } else if block.kind == .paragraph || block.kind == .list || block.kind == .blockQuote {
                    for paragraphNode in block.descendants where paragraphNode.kind == .paragraph {
                        guard let paragraph = prose.paragraph(paragraphNode) else { continue }
                        // "Found a bug? Open an issue.": the question names what the answer invites.
                        var question: ProseDocument.Sentence?
                        for sentenceText in paragraph.sentences {
                            defer { question = sentenceText.lower.hasSuffix("?") ? sentenceText : nil }
                            let lower = sentenceText.lower
                            // A README's security policy is in its introduction, a section of its
                            // own or its help; elsewhere "reports" and "security" describe what the
                            // product does.
                            if inGuide || section.headings.count <= 1
                                || section.isUnder({ $0.includesAny(ContributionTypes.securityStems) }),
                               lower.includesAny(ContributionTypes.securityStems), let types = securityReport(lower) {
                                let line = prose.line(of: String(sentenceText.text.prefix(24)), in: paragraphNode)
                                add(sentenceText.text, types: types, refused: false, line: line, prose: prose, to: &result)
                            }
                            guard lower.includesAny(Self.cues) || (inGuide && lower.includesAny(Self.submissionVerbs)) else {
                                continue
                            }
                            let sentence = sentenceText.text
                            let line = prose.line(of: String(sentence.prefix(24)), in: paragraphNode)
                            // "Bug fixes are always welcome but API changes are off-limits": each
                            // clause welcomes or refuses on its own.
                            for lower in clauses(lower) {
                                // Classify what the clause welcomes or refuses, not the whole sentence:
                                // "This guide explains what we accept" welcomes nothing.
                                if let object = object(of: lower, after: refusals, orOther: true) ?? passiveRefusal(lower)
                                    ?? misdirected(lower) ?? misplaced(lower) ?? noneOf(lower) {
                                    add(sentence, types: object, refused: true, line: line, prose: prose, to: &result)
                                } else if let object = object(of: lower, after: welcomes) ?? subject(of: lower)
                                            ?? invitation(lower) ?? passiveSubmission(lower) ?? trackerPurpose(lower)
                                            ?? discussedFirst(lower) ?? contributing(to: lower) ?? offersOfHelp(lower)
                                            ?? (inGuide && !maintainersTask ? submission(lower) : nil) {
                                    add(sentence, types: object, refused: false, line: line, prose: prose, to: &result)
                                    if let question, case let asked = ContributionTypes.classify(question.lower), !asked.isEmpty {
                                        let line = prose.line(of: String(question.text.prefix(24)), in: paragraphNode)
                                        add(question.text + " " + sentence, types: asked, refused: false, line: line,
                                            prose: prose, to: &result)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return result
    }

    private static func add(_ text: String, refused: Bool, line: Int, prose: ProseDocument,
                            to result: inout Result, fallbackOther: Bool) {
        // A list item names its kind first ("Bug fixes, with a test…"); what follows qualifies it.
        let head = headPhrase(text)
        // Only the head names the kind: the words after it qualify ("…without an RFC", "…with a
        // test") and would add kinds the item is not about.
        var types = ContributionTypes.classify(head)
        if types.isEmpty && fallbackOther { types = ContributionTypes.classifyOrGeneric(head) }
        guard !types.isEmpty || fallbackOther else { return }
        add(text, types: types.isEmpty ? [.other] : types, refused: refused, line: line, prose: prose, to: &result)
    }

    private static func add(_ text: String, types: [ContributionType], refused: Bool, line: Int,
                            prose: ProseDocument, to result: inout Result) {
        let clean = text.collapsingWhitespace
        for type in types {
            let fact = Contribution(type: type, text: clean, source: prose.source(line))
            if refused {
                // Each refusal is its own rule, even when several are of one kind.
                if !result.doesNotAccept.contains(fact) { result.doesNotAccept.append(fact) }
            } else if !result.accepts.contains(where: { $0.type == type }) {
                result.accepts.append(fact)
            }
        }
    }

    /// The words before the first qualifier: a comma, colon, dash, bracket, "with", "that".
    static func headPhrase(_ text: String) -> String {
        var head = text
        for separator in [",", ":", " — ", " – ", " - ", "(", " with ", " without ", " that ", " which ", " when ",
                          " if ", " ohne ", " sans ", " for languages", ". "] {
            if head.includes(separator), let range = head.range(of: separator), range.lowerBound > head.startIndex {
                head = String(head[..<range.lowerBound])
            }
        }
        return head
    }

    /// The text of a list item's own paragraphs (not of lists nested in it).
    static func itemText(_ item: MarkdownNode) -> String {
        item.children.filter { $0.kind == .paragraph }.map(\.plainText).joined(separator: " ").collapsingWhitespace
    }

    // MARK: - Wording

    /// "Contributing", "Contribuire", "Mitwirken", "貢献": a heading about contributing, in the
    /// languages guides are written in.
    static func isContributingHeading(_ heading: String) -> Bool {
        heading.includesAny(["contribu", "particip", "beitrag", "mitwirk", "mitmach", "貢献", "贡献", "参与", "コントリビュート"])
    }

    static func isWelcomeHeading(_ heading: String) -> Bool {
        ["what we accept", "we accept", "we welcome", "welcome contributions", "contributions we", "types of contribution",
         "kinds of contribution", "ways to contribute", "what to contribute", "what you can contribute",
         "how can i contribute", "how you can help", "how to help", "good contributions", "contributions welcome",
         "what can i contribute", "wanted contributions", "accepted contributions", "what kind of contributions",
         "scope of contributions", "in scope", "looking for"]
            .contains { heading.includes($0) }
    }

    static func isWaysToContributeHeading(_ heading: String) -> Bool {
        ["how to contribute", "how can you contribute", "ways to help", "make technical contributions",
         "contribute without code", "get involved"].contains { heading.includes($0) }
    }

    static func isRefusalHeading(_ heading: String) -> Bool {
        ["not accept", "cannot take", "can't take", "cannot accept", "can't accept", "nicht annehmen", "nicht akzeptieren", "don't accept", "do not accept", "won't accept", "will not accept", "out of scope",
         "not in scope", "please don't", "please do not", "not looking for", "non-goals", "we don't want",
         "what we won't", "not welcome", "not accepted", "don't send", "do not send"]
            .contains { heading.includes($0) }
    }

    /// A refusal negates a verb of acceptance: "we do not accept", "we are not merging X", "Y
    /// will not be considered". Only negated *acceptance* of merging and considering counts
    /// ("do not merge your own branch" is an instruction), and "only accepting contributions
    /// from…" is a gate (CONVENTIONS.md).
    static let refusals = ["do not accept", "don't accept", "won't accept", "will not accept", "not accepting",
                           "cannot accept", "can't accept", "no longer accept", "we don't take", "we do not take",
                           "do not currently accept", "don't currently accept", "are off-limits", "are off limits",
                           "is off-limits", "not allowed", "not merging", "not considering",
                           "only accepting contributions", "only accept contributions", "only accepts contributions"]
        // The same in the other languages guides are written in: the kind after the verb.
        + ["akzeptieren keine", "nehmen keine", "n'acceptons pas", "n'acceptons aucun", "n'acceptons plus", "no aceptamos",
           "non accettiamo", "不接受", "不再接受"]
    static let welcomes = ["we welcome", "welcomes ", "we only accept", "we do accept", "we gladly accept", "we happily accept", "we're happy to accept",
                           "we are happy to accept", "we accept", "we'd love", "we would love", "we encourage",
                           "we are looking for", "we're looking for", "happy to receive", "we appreciate",
                           "help us ", "we're open to", "we are open to", "open to contributions"]

    /// "Run the tests before you open a pull request" is the process, not a kind of contribution.
    static let process = ["before you", "after you", "before opening", "before submitting", "make sure", "ensure", "must ",
                          "should ", "this guide", "find out"]

    static func isOrdered(_ list: MarkdownNode, _ prose: ProseDocument) -> Bool {
        let index = list.startLine - 1
        guard prose.lines.indices.contains(index) else { return false }
        return prose.lines[index].drop { $0 == " " }.first?.isNumber == true
    }

    /// Words without which a sentence neither welcomes nor refuses anything: a cheap first test.
    static let cues = ["accept", "welcome", "please", "feel free", "not ", "n't", "no ", "issue", "tracker", "ignored", "off-limits", "off limits",
                       "reject", "closed", "love", "appreciate", "encourage", "looking for", "happy", "gerne", "歓迎",
                       "willkommen", "submit", "open a", "help us", "open to", "file a", "report a", "send", "allowed", "merged", "take", "discuss",
                       "belong", "scope", "off-topic", "off topic", "contribute to", "contributing to", "contributions to",
                       "contribution to", "help with", "helping with", "nicht", "keine", "pas ", "aucun", "non ", "rejet",
                       "refus", "abgelehnt", "受け付け", "受け入れ", "不接受", "不予接受", "不再接受", "欢迎", "freuen uns",
                       "bienvenu", "benvenut", "bienvenid"]

    static let passiveRefusals = ["will be rejected", "are off-limits", "is off-limits", "are off limits", "are ignored",
                                  "is ignored", "will be closed"]
        + ["accepted", "merged", "considered"].flatMap { done in
            ["are not \(done)", "is not \(done)", "not be \(done)", "won't be \(done)", "will not be \(done)"]
        }
        // The same in the other languages guides are written in: the kind before the verb.
        + ["nicht akzeptiert", "nicht angenommen", "nicht gemergt", "werden abgelehnt", "ne sont pas accepté",
           "ne seront pas accepté", "seront refusé", "seront rejeté", "no se aceptan", "no serán aceptad",
           "non sono accettat", "non verranno accettat", "non saranno accettat", "受け付けていません", "受け付けません",
           "受け付けておりません", "受け入れていません", "受け入れません", "不予接受"]

    static func isRefusalSentence(_ sentence: String) -> Bool {
        refusals.contains { sentence.includes($0) } || passiveRefusals.contains { sentence.includes($0) }
    }

    /// "Pull requests are ignored", "API changes to locked modules are off-limits": the kinds
    /// named before the phrase (after the last comma or "but": "fixes are welcome but X are off-limits").
    private static func passiveRefusal(_ sentence: String) -> [ContributionType]? {
        for phrase in passiveRefusals {
            guard sentence.includes(phrase), let range = sentence.range(of: phrase) else { continue }
            // "Stale issues will be closed after two months" is housekeeping; "PRs
            // without an issue will be closed" is a gate. Closing counts only with a condition.
            if phrase == "will be closed", !sentence.includesAny(["without", "unless", "not ", "n't "])
                || sentence.includesAny(["after ", "inactiv", "stale", "no response", "assumed"]) { continue }
            var subject = String(sentence[..<range.lowerBound])
            for separator in [" but ", ", ", "; ", "! ", ": "] {
                if let cut = subject.range(of: separator, options: .backwards) { subject = String(subject[cut.upperBound...]) }
            }
            // "Changes lacking tests will not be accepted": what lacks something is refused,
            // not the thing it lacks — a gate on contributions in general.
            if let without = subject.range(of: " without ") ?? subject.range(of: " that lack") {
                let head = ContributionTypes.classify(String(subject[..<without.lowerBound]))
                return head.isEmpty ? [.other] : head
            }
            // The sentence refuses something even when it names no kind of ours.
            let types = ContributionTypes.classifyOrGeneric(subject)
            return types.isEmpty ? [.other] : types
        }
        return nil
    }

    /// "Please don't use the issue tracker for support questions", "we do not use GitHub for
    /// contributions": what the place is not for is not taken there.
    private static func misdirected(_ sentence: String) -> [ContributionType]? {
        guard sentence.includes(" use") || sentence.includes("usare") || sentence.includes("utilisez"),
              let use = ["not use ", "n't use ", "never use ", "non usare ", "n'utilisez pas "].lazy
            .compactMap({ sentence.range(of: $0) }).first,
            let purpose = sentence.range(of: " for ", range: use.upperBound..<sentence.endIndex)
            ?? sentence.range(of: " per ", range: use.upperBound..<sentence.endIndex)
            ?? sentence.range(of: " pour ", range: use.upperBound..<sentence.endIndex) else { return nil }
        let types = ContributionTypes.classifyOrGeneric(withoutAsides(sentence[purpose.upperBound...]))
        return types.isEmpty ? nil : types
    }

    /// "Feature requests and questions belong elsewhere", "ports are out of scope here": what
    /// the project sends away is not taken here. The whole list before the verb is sent away,
    /// up to a "but" or a semicolon.
    private static func misplaced(_ sentence: String) -> [ContributionType]? {
        guard var subject = sentAway(sentence) else { return nil }
        for separator in [" but ", "; ", ": "] {
            if let cut = subject.range(of: separator, options: .backwards) { subject = subject[cut.upperBound...] }
        }
        let types = ContributionTypes.classifyOrGeneric(withoutAsides(subject))
        return types.isEmpty ? [.other] : types
    }

    /// The words before a verb that sends something away: "belong(s)" with a word of elsewhere
    /// after it or a "not" before it; "are out of scope", "is off-topic".
    private static func sentAway(_ sentence: String) -> Substring? {
        if sentence.includes(" belong"), let verb = sentence.range(of: " belong") {
            let before = sentence[..<verb.lowerBound]
            let after = sentence[verb.upperBound...].drop { $0 == "s" }.drop { $0 == " " }
            let elsewhere = ["outside", "elsewhere", "somewhere else", "in another", "in a different", "in a separate",
                             "upstream"]
            if elsewhere.contains(where: after.hasPrefix) { return before }
            for auxiliary in [" do not", " does not", " don't", " doesn't"] where before.hasSuffix(auxiliary) {
                return before.dropLast(auxiliary.count)
            }
        }
        for state in ["out of scope", "off-topic", "off topic"] where sentence.includes(state) {
            for verb in [" are ", " is "] {
                if let found = sentence.range(of: verb + state) { return sentence[..<found.lowerBound] }
            }
        }
        return nil
    }

    /// "No AI-generated code", "(sorry, no anonymous contributions)": "no" before a kind of
    /// contribution — but "no patch is too small" welcomes.
    private static func noneOf(_ sentence: String) -> [ContributionType]? {
        guard sentence.hasPrefix("no ") || sentence.includes(" no ") || sentence.includes("(no ") else { return nil }
        let words = sentence.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "-" })
        guard let no = words.firstIndex(of: "no") else { return nil }
        // "by having no bug reports older than six months", "there are no open issues": what
        // is, not what is refused.
        let describing: Set<Substring> = ["having", "have", "has", "had", "with", "are", "is", "were", "was", "there",
                                          "contains", "containing", "shows", "showing", "leaves", "leaving"]
        if no > 0, describing.contains(words[no - 1]) { return nil }
        let phrase = words[(no + 1)...].prefix(5)
        let encouraging: Set<Substring> = ["too", "matter", "need", "problem", "worries", "one", "longer", "more", "less"]
        guard !phrase.contains(where: encouraging.contains) else { return nil }
        // The kind ends the phrase: "no pseudonyms or anonymous contributions" up to its noun.
        let nouns: Set<Substring> = ["contributions", "contribution", "code", "patches", "prs", "changes", "submissions",
                                     "requests", "features", "translations", "issues", "reports"]
        // …and ends there: "no production code change" is about a change, not code.
        let after: Set<Substring> = ["or", "and", "from", "without", "that", "which", "will", "are", "is", "please", "in",
                                     "to", "for", "of", "allowed", "accepted", "welcome", "here", "thanks", "sorry"]
        guard let end = phrase.firstIndex(where: { word in nouns.contains(word) }),
              end + 1 == words.count || after.contains(words[end + 1]) else { return nil }
        let types = ContributionTypes.classifyOrGeneric(phrase[...end].joined(separator: " "))
        return types.isEmpty ? nil : types
    }

    /// A sentence's clauses around "but" (in the languages guides are written in) and
    /// semicolons.
    private static func clauses(_ sentence: String) -> [String] {
        let separators = [" but ", "; ", " mais ", " aber ", " pero ", " ma "]
        guard sentence.includesAny(separators) else { return [sentence] }
        return separators.reduce([sentence]) { clauses, separator in
            clauses.flatMap { $0.components(separatedBy: separator) }
        }
    }

    /// "Here are some ways you can contribute:" — or the same words as a sentence of its own
    /// just before the list ("Here are some suggestions on how you can contribute.").
    private static func introducesList(_ paragraph: ProseDocument.Paragraph) -> Bool {
        let trimmed = paragraph.lower
        guard trimmed.utf8.last == UInt8(ascii: ":") || paragraph.sentences.count == 1 else { return false }
        return ["contributions include", "contribution include", "we welcome", "welcomes", "we accept", "you can help",
                "ways to contribute", "you can contribute", "we are looking for", "we're looking for", "such as:",
                "kinds of contribution", "types of contribution"].contains { trimmed.includes($0) }
    }

    /// The types named after a phrase ("we welcome *bug reports and fixes*"); nil when the
    /// phrase is absent or names no type, or when it introduces a question or a pointer
    /// ("what we accept", "find out what we accept").
    /// - Parameter orOther: a refusal refuses something even when it names no kind of ours
    ///   ("we do not accept changes made by scripts").
    private static func object(of sentence: String, after phrases: [String], orOther: Bool = false) -> [ContributionType]? {
        for phrase in phrases {
            guard sentence.includes(phrase), let range = sentence.range(of: phrase) else { continue }
            let before = sentence[..<range.lowerBound]
            if before.hasSuffix("what ") || before.hasSuffix("which ") || sentence.includes("?") { return nil }
            let types = ContributionTypes.classifyOrGeneric(withoutAsides(sentence[range.upperBound...]))
            return types.isEmpty ? (orOther ? [.other] : nil) : types
        }
        return nil
    }

    /// "If you find a bug, please file an issue", "Feel free to send a pull request to fix the
    /// docs": an invitation accepts what the whole sentence names.
    private static func invitation(_ sentence: String) -> [ContributionType]? {
        let invitations = ["please file", "please open", "please report", "please submit", "please send", "please create",
                           "feel free to", "you can help", "you're welcome to", "you are welcome to", "submit an issue",
                           "open an issue", "file an issue", "file a bug", "report a bug", "send a pull request",
                           "send us a pull request", "submit a pull request", "open a pull request"]
        // The same in the other languages guides are written in, where their own words for
        // "not" do not turn them round ("ne sont pas les bienvenues").
        let elsewhere = ["歓迎", "欢迎", "willkommen", "gerne", "freuen uns", "bienvenu", "benvenut", "bienvenid"]
        let foreign = elsewhere.contains(where: sentence.includes)
        guard foreign || invitations.contains(where: { sentence.includes($0) }), !sentence.hasSuffix("?"),
              !process.contains(where: { sentence.includes($0) }) else { return nil }
        if foreign, !invitations.contains(where: sentence.includes),
           isNegated(sentence) || sentence.includesAny([" no ", "non "]) {
            return nil
        }
        let types = ContributionTypes.classifyOrGeneric(sentence).filter { handsIn($0, sentence) }
        return types.isEmpty ? (ContributionTypes.namesOther(.init(sentence)) ? [.other] : nil) : types
    }

    /// Tests and reviews come up in how to hand in anything ("with tests", "assign reviewers",
    /// "why tests are failing"): they are a contribution only when they are what is handed in.
    private static func handsIn(_ type: ContributionType, _ sentence: String) -> Bool {
        switch type {
        case .tests: sentence.includesAny(["write test", "writing test", "add test", "adding test", "test case", "more test",
                                           "new test", "improve test", "improving test"])
        case .documentation: handsInDocumentation(sentence)
        case .reviews: sentence.includesAny(["review pull", "review open", "review other", "review prs", "review patches",
                                             "review merge", "reviewing pull", "reviewing open", "reviewing other",
                                             "reviewing patches", "code review"])
        default: true
        }
    }

    /// Words between a verb and its noun: "fix *the* docs", "contribute to *our* documentation".
    private static let determiners: Set<Substring> = ["the", "our", "its", "this", "their", "your", "a", "an", "some", "more",
                                                      "any", "of"]

    /// Documentation is what is handed in when the sentence changes it ("fix the docs", "a
    /// PR for documentation", "documentation improvements", "typos"), not when a document is
    /// where a change goes or what to read ("against the README", "see the docs").
    static func handsInDocumentation(_ sentence: String) -> Bool {
        if sentence.includesAny(["typo", "grammat", "spelling", "wording"]) { return true }
        // The word order below is English; in other languages the kind named is taken.
        guard sentence.utf8.allSatisfy({ $0 < 0x80 }) else { return true }
        let words = ContributionTypes.Words(sentence).padded.split(separator: " ")
        let documentationStems = ContributionTypes.stems(of: .documentation)
        let changing = ["improv", "fix", "updat", "writ", "edit", "correct", "clarif", "expand", "add", "enhanc", "polish"]
        let changes = ["improvement", "fix", "change", "update", "contribution", "patch", "pr", "edit", "addition"]
        for (index, word) in words.enumerated() where ContributionTypes.Words(String(word)).hasAny(documentationStems) {
            var before = index - 1
            while before >= 0, determiners.contains(words[before]) { before -= 1 }
            // "a pull request for the docs"; "add the badge to your README" puts something in one.
            if before >= 0, changing.contains(where: words[before].hasPrefix) || words[before] == "for" {
                return true
            }
            if index + 1 < words.count, changes.contains(where: words[index + 1].hasPrefix) { return true }
        }
        return false
    }

    /// "Open a pull request", not "issues are kept open until…".
    static let submissionVerbs = ["submit", "report", "open a", "open pull", "open issue", "opening a", "file a", "file an", "file it", "file the", "send", "propos", "suggest", "request",
                                  "contribut", "discover", "found a", "find a", "raise"]

    /// Kinds a guide's heading accepts by naming them: a "Testing" or "Review process" section
    /// says how tests run and reviews happen, not that tests or reviews are wanted.
    static let headingTypes: Set<ContributionType> = [.bugReports, .bugFixes, .features, .documentation,
                                                      .securityReports, .translations]

    /// "If you think you found a bug, report it in…", "Typos can be sent as a pull
    /// request": a sentence of a guide that tells how to hand in a kind of contribution
    /// accepts it (unless it is a question or a refusal, which are read before).
    private static func submission(_ sentence: String) -> [ContributionType]? {
        // "Contribution guidelines are in CONTRIBUTING.md" points at the guide; it hands nothing in.
        var named = sentence
        if named.includes("contribut") {
            for pointer in ["contribution guide", "contributing guide", "contributor guide", "contributors guide",
                            "contributing.md", "contributing file", "contributing section"] where named.includes(pointer) {
                named = named.replacingOccurrences(of: pointer, with: "")
            }
        }
        guard submissionVerbs.contains(where: { named.includes($0) }), !sentence.hasSuffix("?"),
              !isRefusalSentence(sentence), !isNegated(sentence) else { return nil }
        // Tests, reviews, documentation and design come up in how to submit anything ("with
        // tests", "for review", "see the guide", "a design doc", "a feature branch"): here they
        // count only when the sentence hands them in themselves.
        let text = sentence.includes("feature branch") ? sentence.replacingOccurrences(of: "feature branch", with: "branch")
            : sentence
        guard !process.contains(where: text.includes) else { return nil }
        let types = ContributionTypes.classifyOrGeneric(text).filter { type in
            switch type {
            case .tests: handsIn(type, text)
            case .documentation: handsInDocumentation(text)
            case .reviews, .design: false
            default: true
            }
        }
        return types.isEmpty ? nil : types
    }

    /// "The following improvements are greatly appreciated:", "We welcome contributions in
    /// several forms, e.g.": a paragraph whose last sentence welcomes, leading into a list.
    private static func welcomesList(_ paragraph: ProseDocument.Paragraph) -> Bool {
        let lower = paragraph.lower
        guard lower.hasSuffix(":") || lower.hasSuffix("e.g.") || lower.hasSuffix("e.g.,") || lower.hasSuffix("such as"),
              let last = paragraph.sentences.last?.lower else { return false }
        // "All contributors are encouraged to:" leads into instructions, not kinds.
        if let (_, after) = split(last, atPassive: welcomingParticiples, auxiliaries: ["are", "is"]) {
            return !isInfinitive(after)
        }
        return object(of: last, after: welcomes) != nil
    }

    /// "Bug reports and documentation fixes are (always, greatly) welcome": the kinds before the
    /// verb; "everyone is welcome to post bug reports": the kinds after it.
    private static func subject(of sentence: String) -> [ContributionType]? {
        guard let (before, after) = split(sentence, atPassive: welcomingParticiples, auxiliaries: ["are", "is"]) else {
            return nil
        }
        // "The following are appreciated:" points at the list after it, which names the kinds.
        if String(before).includesAny(["the following", "following "]) || before.hasSuffix("following")
            || before.hasSuffix("these") {
            return nil
        }
        let types = ContributionTypes.classifyOrGeneric(withoutAsides(isInfinitive(after) ? after : before))
        return types.isEmpty ? nil : types
    }

    /// " to post bug reports", " to:" — what follows a participle is what to do.
    private static func isInfinitive(_ text: Substring) -> Bool {
        text.hasPrefix(" to ") || text.hasPrefix(" to:") || text == " to"
    }

    static let welcomingParticiples = ["welcome", "welcomed", "appreciated", "encouraged", "wanted"]

    /// The text without its parenthesised asides: "bug reports (read the guide first)" are
    /// bug reports, not documentation.
    static func withoutAsides(_ text: Substring) -> String {
        var kept = "", depth = 0
        for character in text {
            if character == "(" { depth += 1 } else if character == ")" { depth = max(depth - 1, 0) } else if depth == 0 {
                kept.append(character)
            }
        }
        return kept
    }

    /// "Fixes for bugs, or small new features can be directly submitted as a pull request":
    /// what can be handed in is accepted.
    private static func passiveSubmission(_ sentence: String) -> [ContributionType]? {
        guard let (before, _) = split(sentence, atPassive: ["submitted", "sent", "reported", "filed", "opened", "proposed",
                                                            "raised", "contributed", "suggested"],
                                      auxiliaries: ["can be", "may be", "should be", "could be"]),
              !isNegated(String(before)) else { return nil }
        let types = ContributionTypes.classifyOrGeneric(String(before))
        return types.isEmpty ? nil : types
    }

    /// "Issues are used for bugs and actionable items", "use the tracker for feature requests":
    /// what the issue tracker is for is taken there (an issue about a bug is its report).
    static func trackerPurpose(_ sentence: String) -> [ContributionType]? {
        guard let tracker = sentence.range(of: "issue") ?? sentence.range(of: "tracker"),
              let purpose = sentence.range(of: " for ", range: tracker.upperBound..<sentence.endIndex),
              case let before = String(sentence[..<purpose.lowerBound]), !isNegated(before), !before.includes("?") else {
            return nil
        }
        var types = ContributionTypes.classifyOrGeneric(withoutAsides(sentence[purpose.upperBound...]))
        if let fix = types.firstIndex(of: .bugFixes) { types[fix] = .bugReports }
        types = types.filter { [.bugReports, .features, .securityReports, .other].contains($0) }
        return types.isEmpty ? nil : types
    }

    /// "A larger change, such as a new feature, should be discussed first", "before undertaking
    /// a nontrivial change, send mail to discuss it": asking to discuss first still accepts
    /// the change (CONVENTIONS.md), so a change or a feature is taken.
    private static func discussedFirst(_ clause: String) -> [ContributionType]? {
        guard clause.includes("discuss"), clause.includesAny(["before", " first", "prior to", "beforehand", "in advance"]),
              clause.includesAny(["feature", "change", "enhancement"]), !isNegated(clause) else { return nil }
        return [.features]
    }

    /// "How to contribute to our documentation", "contributing to the translations": a part of
    /// the project that contributions go to is a kind taken (the words right after "to", not
    /// "contributing to the project").
    private static func contributing(to clause: String) -> [ContributionType]? {
        guard clause.includes("contribut"), !isNegated(clause) else { return nil }
        let words = clause.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "-" })
        let forms: Set<Substring> = ["contribute", "contributing", "contribution", "contributions"]
        for index in words.indices.dropLast(2) where forms.contains(words[index]) && words[index + 1] == "to" {
            var object = words[(index + 2)...].prefix(3)
            if let first = object.first, determiners.contains(first) { object = object.dropFirst() }
            guard let noun = object.first else { continue }
            let types = ContributionTypes.classify(String(noun))
                .filter { [.documentation, .translations, .tests, .design].contains($0) }
            if !types.isEmpty { return types }
        }
        return nil
    }

    /// "Those wishing to help with the translations should see…", "if you'd like to help
    /// with the docs": the reader offering help with a kind (not "if you need help with it").
    private static func offersOfHelp(_ clause: String) -> [ContributionType]? {
        let offers = ["wishing to help with", "want to help with", "like to help with", "interested in helping with",
                      "wish to help with", "keen to help with"]
        guard clause.includes("help"), let phrase = offers.first(where: clause.includes), let offer = clause.range(of: phrase),
              !isNegated(clause) else { return nil }
        let object = clause[offer.upperBound...].split(separator: " ").prefix(8).joined(separator: " ")
        let types = ContributionTypes.classify(withoutAsides(Substring(object)))
        return types.isEmpty ? nil : types
    }

    private static let disclosureWords = ContributionTypes.reportWords + ["disclos"]

    /// Whether the text says "not", "-n't" or "never" anywhere (a cheap test, for readings
    /// that must not fire on a negated sentence).
    static func isNegated(_ text: String) -> Bool {
        text.includesAny(negations)
    }

    /// Words of "not" that are no other word: English, and those of the other languages guides
    /// are written in (not Spanish "no" and Italian "non", which English text also has, nor a
    /// bare Japanese "ません", which "問題ありません", "no problem", has).
    private static let negations = ["not ", "n't ", "never ", " pas ", "nicht", "keine", "歓迎しません", "歓迎いたしません",
                                    "不要", "不能", "不会", "不欢迎"]

    /// Splits "X are (greatly) welcome Y" into X and Y: an auxiliary, at most one adverb
    /// ("always", "very", a word in -ly), then one of the participles.
    private static func split(_ sentence: String, atPassive participles: [String],
                              auxiliaries: [String]) -> (Substring, Substring)? {
        let adverbs: Set<Substring> = ["always", "instead", "very", "much", "most", "more", "also", "all", "too", "especially",
                                       "particularly", "greatly", "highly", "really", "definitely", "certainly"]
        for participle in participles where sentence.includes(" " + participle) {
            var searchStart = sentence.startIndex
            while let found = sentence.range(of: " " + participle, range: searchStart..<sentence.endIndex) {
                searchStart = found.upperBound
                let rest = sentence[found.upperBound...]
                guard rest.isEmpty || !(rest.first!.isLetter) else { continue }
                var head = sentence[..<found.lowerBound]
                if let space = head.lastIndex(of: " "), case let word = head[head.index(after: space)...],
                   adverbs.contains(word) || (word.hasSuffix("ly") && word.count > 3) {
                    head = head[..<space]
                }
                for auxiliary in auxiliaries where head.hasSuffix(" " + auxiliary) || head == auxiliary {
                    return (head.dropLast(auxiliary.count), rest)
                }
            }
        }
        return nil
    }

    /// "Security issues should be disclosed privately to…" says how security reports are taken;
    /// "do not report vulnerabilities in public issues" only with somewhere else to go
    /// ("instead", "privately", an address).
    private static func securityReport(_ sentence: String) -> [ContributionType]? {
        let words = ContributionTypes.Words(sentence)
        guard words.hasAny(ContributionTypes.securityStems), words.hasAny(disclosureWords) else { return nil }
        if isNegated(sentence), !sentence.includesAny(["instead", "privately", "email", "e-mail"]) {
            return nil
        }
        return [.securityReports]
    }
}
