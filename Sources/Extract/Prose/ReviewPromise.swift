import AtriumModel

/// The contributing agreement's time promise: "We review pull requests within 2 business
/// days" → 48 hours. A promise without a number ("by the next sprint") is kept, without hours.
enum ReviewPromise {
    static func read(_ prose: ProseDocument) -> ReviewCommitment? {
        var fallback: ReviewCommitment?
        for text in prose.paragraphs {
            let paragraph = text.node
            // Under a "Review process" heading, any timed promise is about reviews.
            let inReviewSection = prose.sections[text.section].isUnder { $0.includes("review") }
            for sentenceText in text.sentences where sentenceText.lower.includesAny(Self.cues) {
                let sentence = sentenceText.text, lower = sentenceText.lower
                guard isAboutReviewing(lower, inReviewSection: inReviewSection), !isAboutSecurity(lower) else { continue }
                let line = prose.line(of: String(sentence.prefix(24)), in: paragraph)
                if let hours = hours(in: lower) {
                    return ReviewCommitment(text: sentence, hours: hours, source: prose.source(line))
                }
                if fallback == nil, promisesWithoutNumber(lower) {
                    fallback = ReviewCommitment(text: sentence, hours: nil, source: prose.source(line))
                }
            }
        }
        return fallback
    }

    /// Words without which a sentence promises no time: a cheap first test.
    static let cues = ["within", "day", "week", "hour", "sprint", "timely", "promptly", "soon", "48h", "24h", "72h",
                       "innerhalb", "以内", "werktag"]

    /// A time expression: `48h`, `2 business days`, `within a week`, `one working day`.
    static func hours(in text: String) -> Int? {
        let words = text.replacingOccurrences(of: "-", with: " ")
            .split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            .map(String.init)
        for (index, word) in words.enumerated() {
            // "48h", "24hrs"
            if let number = Int(word.prefix { $0.isNumber }), word.first!.isNumber,
               ["h", "hr", "hrs", "hour", "hours"].contains(String(word.drop { $0.isNumber })) {
                return number
            }
            guard let count = number(word) else { continue }
            var next = index + 1
            if next < words.count, ["business", "working", "work", "calendar", "school"].contains(words[next]) { next += 1 }
            guard next < words.count else { continue }
            switch words[next] {
            case "hour", "hours", "h", "hrs": return count
            case "day", "days", "werktag", "werktagen", "arbeitstag", "arbeitstagen": return count * 24
            case "week", "weeks": return count * 168
            default: continue
            }
        }
        return nil
    }

    private static func number(_ word: String) -> Int? {
        if let value = Int(word), value > 0, value < 1000 { return value }
        return ["a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "fourteen": 14, "couple": 2][word]
    }

    private static func isAboutReviewing(_ sentence: String, inReviewSection: Bool) -> Bool {
        let words = Set(sentence.split(whereSeparator: { !$0.isLetter }).map(String.init))
        let acts = ["review", "respond", "response", "feedback", "triage", "look at", "reply", "answer", "prüfen", "レビュー"]
        // Issues are triaged, contributions reviewed: a promise about issues is not the
        // contributing agreement.
        let objects = ["pull request", "merge request", "contribution", "change", "patch",
                       "we review", "will review", "reviewed", "review", "pull requests"]
        let promise = ["within", "in under", "in less than", "at most", "no later than", "business day", "working day",
                       "innerhalb", "以内", "next sprint", "by the end of", "every", "timely", "promptly", "as soon as",
                       "up to"]
        let namesPullRequests = !words.isDisjoint(with: ["pr", "prs", "mr", "mrs"])
        let aboutIssuesOnly = (sentence.includes("issue") || sentence.includes("triag")
                               || sentence.includes("feature request") || sentence.includes("bug report"))
            && !namesPullRequests && !["pull request", "merge request", "contribution", "patch"].contains { sentence.includes($0) }
        return acts.contains { sentence.includes($0) }
            && (inReviewSection || namesPullRequests || objects.contains { sentence.includes($0) })
            && promise.contains { sentence.includes($0) } && !aboutIssuesOnly
    }

    /// "We aim to review pull requests in a timely manner": a promise, though without a number;
    /// "this helps us review them in a timely fashion" is not one.
    private static func promisesWithoutNumber(_ sentence: String) -> Bool {
        let promising = ["we aim", "we will", "we'll", "we try", "we strive", "we commit", "will be", "are usually",
                         "is usually", "we usually", "will respond", "will review", "are reviewed", "we review"]
        guard promising.contains(where: { sentence.includes($0) }) else { return false }
        return ["next sprint", "end of the sprint", "each sprint", "every sprint", "weekly", "every week", "few days",
         "few weeks", "timely", "promptly", "as soon as"].contains { sentence.includes($0) }
    }

    private static func isAboutSecurity(_ sentence: String) -> Bool {
        ["vulnerab", "security", "disclos", "incident"].contains { sentence.includes($0) }
    }
}
