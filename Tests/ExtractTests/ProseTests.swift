import AtriumModel
import Foundation
import Markdown
import Testing
@testable import Extract

func prose(_ markdown: String, path: String = "CONTRIBUTING.md") -> ProseDocument {
    ProseDocument(path: path, text: markdown, document: MarkdownDocument(parsing: markdown))
}

@Suite struct ReviewPromiseTests {
    @Test(arguments: [
        ("We review pull requests within 2 business days.", 48),
        ("Expect a first review within 48h.", 48),
        ("Maintainers review merge requests within a week.", 168),
        ("We aim to review every pull request within one working day.", 24),
        ("Pull requests are reviewed within 3 Werktagen.", 72),
    ])
    func hours(sentence: String, hours: Int) {
        let review = ReviewPromise.read(prose(sentence))
        #expect(review?.hours == hours)
        #expect(review?.text == sentence)
    }

    @Test func aPromiseWithoutANumberKeepsItsText() {
        let review = ReviewPromise.read(prose("We will review your pull request by the next sprint."))
        #expect(review?.hours == nil)
        #expect(review?.text == "We will review your pull request by the next sprint.")
    }

    @Test(arguments: [
        "We respond to security reports within 24 hours.",
        "Issues are triaged within 2 days.",
        "This helps us review and merge them in a timely fashion.",
        "The build takes 2 days to run.",
    ])
    func notAContributingAgreement(sentence: String) {
        #expect(ReviewPromise.read(prose(sentence)) == nil)
    }

    @Test func theLineOfTheSentenceInsideAParagraph() {
        let review = ReviewPromise.read(prose("# Guide\n\nThanks for helping.\nWe review pull requests\nwithin 2 days.\n"))
        #expect(review?.source == SourceLocation(file: "CONTRIBUTING.md", line: 4))
    }
}

@Suite struct ContributionTypeTests {
    @Test(arguments: [
        ("Bug reports and fixes", [ContributionType.bugReports, .bugFixes]),
        ("Fixing typos in the docs", [.bugFixes, .documentation]),
        ("Report security vulnerabilities privately", [.securityReports]),
        ("New payment providers", [.features]),
        ("Translations of the UI strings", [.translations]),
        ("Reviews of open pull requests", [.reviews]),
        ("More tests for edge cases", [.tests]),
        ("バグ報告・機能提案", [.bugReports, .features]),
    ])
    func classify(phrase: String, types: [ContributionType]) {
        #expect(ContributionTypes.classify(phrase) == types)
    }
}

@Suite struct AcceptanceTests {
    @Test func listsUnderAcceptAndRefuseHeadings() {
        let result = Acceptance.read(prose("""
            # Contributing

            ## What we accept

            - Bug fixes, with a test
            - Documentation: typos and examples

            ## What we do not accept

            - New payment providers without an RFC
            - Reformatting-only pull requests
            """))
        #expect(result.accepts.map(\.type) == [.bugFixes, .documentation])
        #expect(result.accepts.first?.source == SourceLocation(file: "CONTRIBUTING.md", line: 5))
        #expect(result.doesNotAccept.map(\.type) == [.features, .other])
        #expect(result.doesNotAccept.first?.text == "New payment providers without an RFC")
    }

    @Test func sentencesThatWelcomeOrRefuse() {
        let result = Acceptance.read(prose("""
            We welcome bug reports and documentation fixes. We do not accept new features without an RFC.
            Read this guide to find out what we accept.
            """))
        #expect(result.accepts.map(\.type) == [.bugReports, .bugFixes, .documentation])
        #expect(result.doesNotAccept.map(\.type) == [.features])
    }

    @Test func processStepsAreNotKindsOfContribution() {
        let result = Acceptance.read(prose("""
            ## How to contribute

            1. Fork the repository
            2. Create a branch
            3. Run the tests before you open a pull request.
            """))
        #expect(result.accepts.isEmpty)
    }
}

@Suite struct OnboardingTests {
    @Test func fencedShellBlocksAndInlineCommandsUnderSetupHeadings() {
        let steps = Onboarding.read(prose("""
            # Contributing

            ## Development setup

            1. Install the toolchain:

               ```sh
               make bootstrap
               ```

            2. Run `make test` to check everything works.

            ```console
            $ ./scripts/lint
            linting 42 files... ok
            ```

            ```yaml
            key: value
            ```

            ## Usage

            ```sh
            payments-cli charge --amount 5
            ```
            """), isContributingGuide: true)
        #expect(steps.map(\.command) == ["make bootstrap", "make test", "./scripts/lint"])
        #expect(steps[0].text == "Install the toolchain:")
        #expect(steps[0].source == SourceLocation(file: "CONTRIBUTING.md", line: 8))
        #expect(steps[1].source == SourceLocation(file: "CONTRIBUTING.md", line: 11))
    }

    @Test func readmeGettingStartedIsForUsersNotContributors() {
        let steps = Onboarding.read(prose("## Getting started\n\n```sh\nnpm install payments\n```\n", path: "README.md"),
                                    isContributingGuide: false)
        #expect(steps.isEmpty)
    }
}

@Suite struct ChannelTests {
    @Test func chatMailingListAndIssueTracker() {
        let channels = Channels.read(prose("""
            ## Where to ask

            Ask in #payments-dev on Slack.
            Or write to the payments-dev@acme.example mailing list.
            Report bugs in the [issue tracker](https://git.acme.example/payments/issues).
            Security problems go to security@acme.example.
            """), anywhere: true)
        #expect(channels.map(\.kind) == [.chat, .mailingList, .issueTracker])
        #expect(channels.map { $0.name ?? $0.url ?? "" } == ["#payments-dev", "payments-dev@acme.example", "issue tracker"])
        #expect(channels[2].url == "https://git.acme.example/payments/issues")
    }

    @Test func readmeLinksOutsideHelpSectionsAreNotChannels() {
        let channels = Channels.read(prose("""
            # Tool

            ## Related projects

            - [Other forum thing](https://forum.example.com)
            """, path: "README.md"), anywhere: false)
        #expect(channels.isEmpty)
    }
}

/// Authors' raw HTML, read for words and addresses: whatever it is, an answer, never a trap.
@Suite struct HTMLFragmentsTests {
    @Test func summaryTextAndLinksOfRawHTML() {
        #expect(HTMLFragments.text(of: "summary", in: "<details>\n<SUMMARY class=x><b>Local</b> development</SUMMARY>") == "Local development")
        let links = HTMLFragments.links(in: "<p align=center><a href=\"https://forum.acme.example/\">Community <b>Forum</b></a> · "
            + "<a href='https://chat.acme.example'>Chat</a> <a href=https://x.example/y title=t>Bare</a> <a name=top>none</a>")
        #expect(links.map(\.url) == ["https://forum.acme.example/", "https://chat.acme.example", "https://x.example/y"])
        #expect(links.map(\.label) == ["Community Forum", "Chat", "Bare"])
    }

    @Test(arguments: ["", "<", "<a ", "<a href=\"", "<summary>", "<summary></summary>", "<a href=x>unclosed", String(repeating: "<a ", count: 10_000)])
    func brokenOrEmptyHTMLGivesNothingOrWhatIsThere(html: String) {
        #expect(HTMLFragments.text(of: "summary", in: html) == nil)
        #expect(HTMLFragments.links(in: html).allSatisfy { $0.url == "x" && $0.label == "unclosed" })
    }
}
