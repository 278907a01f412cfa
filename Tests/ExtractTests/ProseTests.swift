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
        // Words, not parts of words: "docker" is no doc, "latest" no test, "prefix" no fix.
        ("Build the docker image from the latest prefix", []),
        ("Documentation improvements", [.documentation]),
        ("Fehlerberichte und Übersetzungen", [.bugReports, .translations]),
        ("Issues are for bugs only", [.bugReports]),
        ("", []),
        ("— · ! ?", []),
    ])
    func classify(phrase: String, types: [ContributionType]) {
        #expect(ContributionTypes.classify(phrase) == types)
    }

    /// A heading names a kind only when it is nothing but the kind and how it is handed in.
    @Test(arguments: [
        ("Reporting a bug", [ContributionType.bugReports]),
        ("Feature requests", [.features]),
        ("Security", [.securityReports]),
        ("Improving the docs", [.documentation]),
        ("Security checks", []),
        ("Describe the bug", []),
        ("Release new version", []),
        ("Contributors guide", []),
    ])
    func headings(heading: String, types: [ContributionType]) {
        #expect(ContributionTypes.named(byHeading: heading) == types)
    }
}

/// Sentences are cut on UTF-8 bytes: after `.`, `!` or `?` and a space, and after `。`, never
/// inside a character, and a piece of two characters or fewer is not a sentence of its own.
@Suite struct SentenceTests {
    @Test(arguments: [
        ("Fix it. Then test!  Done? Yes", ["Fix it.", "Then test!", "Done?", "Yes"]),
        ("Café é. Ünïcode ok.", ["Café é.", "Ünïcode ok."]),
        ("バグを報告してください。機能も歓迎です", ["バグを報告してください。", "機能も歓迎です"]),
        ("A. B is one", ["A. B is one"]),
        ("", []),
        ("   ", []),
    ])
    func split(text: String, sentences: [String]) {
        #expect(Sentences.split(text) == sentences)
    }

    @Test func collapsingWhitespaceOfASCIIAndOtherText() {
        #expect(" a \t\n b  ".collapsingWhitespace == "a b")
        #expect("\u{00A0}ä\u{2003}ö ".collapsingWhitespace == "ä ö")
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

    /// A README's "Support" speaks as a guide does ("found a bug? report it at…"); a pointer
    /// to the guide hands nothing in.
    @Test func aReadmesHelpSectionSaysHowToHandThingsIn() {
        let result = Acceptance.read(prose("""
            # Ledger

            ## Support

            If you believe you have discovered a bug, report it at https://git.acme.example/ledger/issues.
            Contribution guidelines are in CONTRIBUTING.md.

            ## Features

            If you found a bug in your books, report it to your accountant.
            """, path: "README.md"))
        #expect(result.accepts.map(\.type) == [.bugReports])
        #expect(result.accepts.first?.source.line == 5)
    }

    @Test func sentencesThatWelcomeOrRefuse() {
        let result = Acceptance.read(prose("""
            We welcome bug reports and documentation fixes. We do not accept new features without an RFC.
            Read this guide to find out what we accept.
            """))
        #expect(result.accepts.map(\.type) == [.bugReports, .bugFixes, .documentation])
        #expect(result.doesNotAccept.map(\.type) == [.features])
    }

    /// "No" refuses where it stands for the kind ("No AI-generated code"), not where it says
    /// what is ("has no bug reports older than…").
    @Test func whatAProjectHasNoneOfIsNoRefusal() {
        let result = Acceptance.read(prose("A list entry stays while its project has no bug reports in its issue list.",
                                           path: "README.md"))
        #expect(result.doesNotAccept.isEmpty)
    }

    /// What the project sends elsewhere is not taken here: the whole list before the verb.
    @Test(arguments: [
        ("Ideas, feature requests, translations and usage questions belong outside this tracker.",
         [ContributionType.features, .translations]),
        ("Bug reports are welcome, but feature requests are out of scope here.", [.features]),
        ("Support questions don't belong in the issue tracker.", [.other]),
    ])
    func whatBelongsElsewhereIsRefused(sentence: String, refused: [ContributionType]) {
        let result = Acceptance.read(prose(sentence))
        #expect(Set(result.doesNotAccept.map(\.type)) == Set(refused))
        #expect(result.accepts.allSatisfy { !refused.contains($0.type) })
    }

    /// Each reading from a rule of CONVENTIONS.md, in sentences of its own kind.
    @Test(arguments: [
        ("Fully reproducible test cases are greatly appreciated.", [ContributionType.tests], [ContributionType]()),
        ("Everyone is welcome to post bug reports and feature requests.", [.bugReports, .features], []),
        ("Small fixes can be submitted directly as a pull request.", [.bugFixes], []),
        ("Found a bug? Feel free to open a pull request.", [.other, .bugFixes], []),
        ("Vulnerabilities should be disclosed privately to the maintainers.", [.securityReports], []),
        ("Do not report security problems in public issues.", [], []),
        ("Please don't use the issue tracker for support questions.", [], [.other]),
        ("Sorry, no anonymous contributions.", [], [.other]),
        ("No contribution is too small.", [.other], []),
        ("Issues are used for bugs and feature requests.", [.bugReports, .features], []),
        ("The project welcomes translations.", [.translations], []),
        ("Feel free to assign reviewers once the build is green.", [], []),
        ("Issues are kept open until a release containing the fix is out.", [], []),
        ("Help us translate the app on Weblate.", [.translations], []),
        ("We're open to contributions in the form of tests and design mockups.", [.tests, .design], []),
        ("Help us help you: include the version you run.", [], []),
        ("Read how to contribute to our documentation on the wiki.", [.documentation], []),
        ("Thank you for contributing to the project.", [], []),
        ("Those wishing to help with message translations should see the po folder.", [.translations], []),
        ("If you need help with the tests, ask in the chat.", [], []),
        ("Open a pull request against the README document that adds your project to the list.", [.other], []),
        ("Feel free to send a pull request to fix the docs.", [.bugFixes, .documentation], []),
        ("Pull requests must pass continuous integration before they are merged.", [], []),
        ("We don’t accept pull requests that only reformat code.", [], [.other]),
        ("Feature-Requests werden derzeit nicht angenommen.", [], [.features]),
        ("Nous n’acceptons pas les nouvelles fonctionnalités sans discussion.", [], [.features]),
        ("現在、新機能のリクエストは受け付けていません。", [], [.features]),
        ("Les corrections de bugs et les traductions sont les bienvenues.", [.bugFixes, .translations], []),
        ("Les nouvelles fonctionnalités ne sont pas les bienvenues ici.", [], []),
        ("欢迎提交错误报告和文档改进。", [.bugReports, .documentation], []),
        ("不具合の報告を歓迎します。", [.bugReports], []),
        ("不具合の修正は小さくても問題ありません、いつでも歓迎します。", [.bugFixes], []),
        ("Nous ne voulons pas de nouvelles fonctionnalités, mais les corrections sont les bienvenues.", [.bugFixes], []),
    ])
    func sentenceReadings(text: String, accepts: [ContributionType], refuses: [ContributionType]) {
        let result = Acceptance.read(prose(text), isContributingGuide: true)
        #expect(result.accepts.map(\.type) == accepts)
        #expect(result.doesNotAccept.map(\.type) == refuses)
    }

    @Test func aWelcomingSentenceLeadsIntoTheListOfKinds() {
        let result = Acceptance.read(prose("""
            ## What to improve

            The following improvements are greatly appreciated:

            - Documentation improvements.
            - Writing tests.

            All contributors are encouraged to:

            - Respect the review requirements
            """))
        #expect(result.accepts.map(\.type) == [.documentation, .tests])
    }

    /// "Please discuss first" alone still accepts (CONVENTIONS.md); a refusal stays a refusal.
    @Test func discussingAChangeFirstStillAcceptsIt() {
        let asked = Acceptance.read(prose("""
            ## Larger changes

            Developing a larger change, such as a new feature, should be discussed on the mailing list before work starts.
            """))
        #expect(asked.accepts.map(\.type) == [.features])
        let refused = Acceptance.read(prose("""
            ## Changes

            We do not accept new features, and there is nothing to discuss first.
            """))
        #expect(!refused.accepts.contains { $0.type == .features })
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

    /// Commands by their shape and by what the sentence says, not by the block they sit in.
    @Test func commandsInProseAndBlocksWithoutALanguage() {
        let steps = Onboarding.read(prose("""
            ## Development

            Run `lintcheck` before you push, and run `eval $(tool env)` once.
            The settings live in `setup.cfg`; we use `flake8`.

            - Run the tests with `pnpm dev` or `pnpm test`.

            ```
            make check
            feat(api): a commit message shown as an example
            ```

            ```bash
            pytest
            pytest-cov
            ```
            """), isContributingGuide: true)
        #expect(steps.compactMap(\.command) == ["lintcheck", "eval $(tool env)", "pnpm dev", "pnpm test", "make check"])
    }

    /// Each command once, and each step's n-th command on its n-th line: a repeated `make` is
    /// left out of the later block, and a comment line inside a block starts a new step.
    @Test func repeatedCommandsOnceWithTheirOwnLines() {
        let steps = Onboarding.read(prose("""
            ## Building

            ```sh
            mkdir build
            cd build
            cmake ..
            make
            ```

            ## Testing

            ```sh
            mkdir build
            # valgrind-safe code
            VALGRIND=1 cmake ..
            make
            make test   # optional
            ```
            """, path: "README.md"), isContributingGuide: false)
        #expect(steps.compactMap(\.command) == ["mkdir build\ncd build\ncmake ..\nmake", "VALGRIND=1 cmake ..", "make test   # optional"])
        #expect(steps.map(\.source.line) == [4, 15, 17])
        #expect(steps.map(\.text) == ["", "", ""])
    }

    /// In running prose a command is a step where its sentence tells the reader to run or use
    /// it; one named in passing, or that the sentence says cannot be used, is not, and one the
    /// prose names before a block gives it in full is the block's step.
    @Test func commandsInProseAreStepsWhereTheSentenceSaysToRunThem() {
        let steps = Onboarding.read(prose("""
            # Contributing

            ## Development

            Then run `make check` before you open a pull request, e.g. `make check V=1` for details.
            The toolchain (as in `go vet ./...`) comes with Go. It cannot be installed with `pip install protoc`.
            To start again from nothing: `make clean all`.

            To add a dependency, use `go get` as follows:

            ```sh
            go get example.org/module@v2
            ```
            """, path: "CONTRIBUTING.md"), isContributingGuide: true)
        #expect(steps.compactMap(\.command) == ["make check", "make check V=1", "make clean all",
                                                "go get example.org/module@v2"])
        #expect(steps.map(\.source.line) == [5, 5, 7, 12])
    }

    /// A README section about something else is read by what its blocks run: configuring and
    /// building the project is set-up, the project's own task targets are not.
    @Test func readmeSectionsOutsideSetUpHeadingsByWhatTheyRun() {
        let steps = Onboarding.read(prose("""
            ## Options

            Pass the options on CMake's command line:

            ```sh
            cmake -DBUILD_SHARED_LIBS=OFF ..
            ```

            ## Dashboards

            ```sh
            make render SERVICE=checkout
            ```
            """, path: "README.md"), isContributingGuide: false)
        #expect(steps.compactMap(\.command) == ["cmake -DBUILD_SHARED_LIBS=OFF .."])
        #expect(steps.first?.source.line == 6)
    }

    @Test func readmeGettingStartedIsForUsersNotContributors() {
        let steps = Onboarding.read(prose("## Getting started\n\n```sh\nnpm install payments\n```\n", path: "README.md"),
                                    isContributingGuide: false)
        #expect(steps.isEmpty)
    }

    /// What a code block shows beside commands: commit messages and branch names after a
    /// prompt, an interpreter's lines, program source.
    @Test func linesThatAreNoCommandsInShellBlocks() {
        let steps = Onboarding.read(prose("""
            ## Development

            ```sh
            $ npm test
            $ fix(color api): address color output issue #105
            $ jdoe/cleanUp/#80
            ```

            ```bash
            > import payments as pay
            client = pay.Client("http://localhost:9200")
            make check
            ```
            """), isContributingGuide: true)
        #expect(steps.compactMap(\.command) == ["npm test", "make check"])
    }

    /// Running the project's own program is a README's usage; adding a dependency is a task of
    /// one change, installing them is set-up.
    @Test func theProductRunAndUpkeepTasksAreNoSetUp() {
        let readme = """
            # ledger

            ## Development

            ```sh
            make
            ledger init --books 2026
            $GOPATH/bin/ledger help
            ```
            """
        #expect(Onboarding.read(prose(readme, path: "README.md"), isContributingGuide: false, projectNames: ["ledger"])
            .compactMap(\.command) == ["make"])
        let guide = """
            ## Development environment

            ```sh
            go build ./...
            ```

            ## Adding a dependency

            ```sh
            go get example.org/lib@v2
            ```

            ## Installing and updating dependencies

            ```sh
            go mod download
            ```
            """
        #expect(Onboarding.read(prose(guide), isContributingGuide: true).compactMap(\.command)
            == ["go build ./...", "go mod download"])
    }

    /// Deploying and releasing are no set-up, in the languages guides are written in.
    @Test(arguments: ["Déploiement", "Mise en production", "Bereitstellung", "Veröffentlichung", "デプロイ", "部署"])
    func deployingInOtherLanguagesIsNoSetUp(heading: String) {
        let guide = """
            ## Développement

            ```sh
            yarn install
            ```

            ## \(heading)

            ```sh
            DATABASE_URL="<production>" yarn prisma migrate deploy
            ```
            """
        #expect(Onboarding.read(prose(guide), isContributingGuide: true).compactMap(\.command) == ["yarn install"])
    }

    /// A README's installation of the released package is how users install it; a guide's
    /// "install the CLI globally, then run the tests" is set-up. A release is no set-up.
    @Test func installingTheReleasedPackage() {
        let readme = """
            # ledger

            ## Install

            ```sh
            cargo install ledger-cli --locked
            brew install ledger
            ```

            ## Building from source

            ```sh
            cargo install --path .
            cargo test
            ```
            """
        let names = ["acme/ledger", "ledger"]
        #expect(Onboarding.read(prose(readme, path: "README.md"), isContributingGuide: false, projectNames: names)
            .compactMap(\.command) == ["cargo install --path .\ncargo test"])
        let guide = """
            ## Running the tests

            ```sh
            npm install -g @acme/ledger
            npm test
            ```

            ## Releasing

            Run `cargo publish` (run `cargo login` first).
            """
        #expect(Onboarding.read(prose(guide), isContributingGuide: true, projectNames: names)
            .compactMap(\.command) == ["npm install -g @acme/ledger\nnpm test"])
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

    /// One place is listed once: an invitation beside a named channel of the same chat, a
    /// category page of a listed forum, a platform named in passing; a forum thread is no channel.
    @Test func theSamePlaceOnce() {
        let channels = Channels.consolidated(Channels.read(prose("""
            ## Community

            Join [#payments-dev](https://acme.slack.com/archives/C123) ([invitation](https://join.slack.com/t/acme/shared_invite/x)).

            Ideas go to [Discussions](https://github.com/acme/payments/discussions), in the
            [ideas category](https://github.com/acme/payments/discussions/categories/ideas).

            We announced this [on the forum](https://discuss.acme.example/t/moving-on/123).

            You can also ask on our Slack.
            """), anywhere: true))
        #expect(channels.map { $0.name ?? $0.url ?? "" } == ["#payments-dev", "Discussions"])
    }

    /// A chat by its host: a repository whose path names a chat product is no chat.
    @Test func chatServicesByTheirHost() {
        let channels = Channels.read(prose("""
            ## Community

            See the [plugin's code](https://github.com/acme/mattermost-plugin-x), ask in
            [Telegram](https://t.me/acme_dev) or on [our Zulip](https://chat.acme.example/).
            You can subscribe to the mailing list on [Google Groups](https://groups.google.com/g/acme-dev/forum).
            """), anywhere: true)
        #expect(channels.map(\.kind) == [.chat, .chat, .mailingList])
        #expect(channels.map { $0.name ?? "" } == ["Telegram", "our Zulip", "Google Groups"])
    }

    /// The tracker by what it is for, not the everyday "issues" of a working set-up; a
    /// contributors' meeting schedule; a README's "Participation" is about taking part.
    @Test func issueTrackersMeetingsAndParticipation() {
        let guide = Channels.read(prose("""
            ## Contributing

            Issues are used for bugs and longer discussions happen elsewhere.
            See the [community page](https://git.acme.example/org#meetings) for the contributor and maintainer meeting schedule.
            The triage meetings assign the labels.
            """), anywhere: true)
        #expect(guide.map(\.kind) == [.issueTracker, .other])
        #expect(guide.last?.name == "contributor and maintainer meeting")
        #expect(guide.last?.url == "https://git.acme.example/org#meetings")
        let quiet = Channels.read(prose("## Notes\n\nWith Rosetta you should be able to use it without issues.\n"),
                                  anywhere: true)
        #expect(quiet.isEmpty)
        let readme = Channels.read(prose("""
            # Ledger

            ## InnerSource participation

            - Discuss ideas transparently via Issues and pull requests.
            """, path: "README.md"), anywhere: false)
        #expect(readme.map(\.kind) == [.issueTracker])
    }

    /// CONVENTIONS.md's mailing list is a list; a team's own address is another way to ask.
    @Test(arguments: [
        ("Write to ledger-dev@acme.example with questions.", Channel.Kind.mailingList),
        ("Questions: ledger@lists.acme.example.", .mailingList),
        ("Questions go to the team, ledger@acme.example, on the ledger mailing list.", .mailingList),
        ("Questions: mail the team at ledger@acme.example.", .other),
        ("Contact us at hello@acme.example.", .other),
    ])
    func mailAddresses(sentence: String, kind: Channel.Kind) {
        let channels = Channels.read(prose("## Contact\n\n" + sentence + "\n"), anywhere: true)
        #expect(channels.map(\.kind) == [kind])
    }

    /// A company's own chat server by the product in its host name; the product's home page
    /// is nobody's channel.
    @Test func chatServersAndChatProducts() {
        let channels = Channels.read(prose("""
            ## Community

            Ask in the [plugin channel](https://community.mattermost.acme.example/core/channels/ledger).
            We also like [Matrix](https://matrix.org).
            """), anywhere: true)
        #expect(channels.map(\.kind) == [.chat])
        #expect(channels.map(\.name) == ["plugin channel"])
    }

    /// A list server is known by its software's paths as well as by its host.
    @Test func mailingListsOnListServers() {
        let channels = Channels.read(prose("""
            ## Community

            Join [ledger-dev](https://mail.acme.example/mailman/listinfo/ledger-dev), read the
            [archive](https://mail.acme.example/pipermail/ledger-users/) or subscribe to
            [ledger-announce](https://acme.example/sympa/info/ledger-announce).
            """), anywhere: true)
        #expect(channels.map(\.kind) == [.mailingList, .mailingList, .mailingList])
    }

    /// A chat product's documentation, blog and pages are read, not asked in.
    @Test func aChatProductsDocumentationIsNoChat() {
        let channels = Channels.read(prose("""
            ## Community

            See the [plugin guide](https://docs.mattermost.acme.example/integrations/ledger.html), the
            [developer workflow](https://developers.mattermost.acme.example/plugins/workflow/) and the
            [licence FAQ](https://mattermost.acme.example/faq.html), then ask in the
            [plugin channel](https://community.mattermost.acme.example/core/channels/ledger).
            """), anywhere: true)
        #expect(channels.map(\.name) == ["plugin channel"])
        // A host is no document, whatever its last label.
        let server = Channels.read(prose("## Community\n\nAsk on [our chat](https://chat.acme.md).\n"), anywhere: true)
        #expect(server.map(\.kind) == [.chat])
    }

    /// A title's badges ("Join the chat at …") do not make the README a help section: its
    /// "Documentation" section is the project's own documentation.
    @Test func aTitlesBadgesSayNothingOfWhatTheReadmeIsAbout() {
        let readme = prose("""
            # Ledger [![Join the chat at https://gitter.im/acme/ledger](https://badges.gitter.im/acme.svg)](https://gitter.im/acme/ledger)

            ## Documentation

            Everything you need to know is in the [documentation](https://docs.acme.example/ledger/).
            """, path: "README.md")
        #expect(readme.sections.map(\.heading) == ["", "Ledger", "Documentation"])
        #expect(Acceptance.read(readme).accepts.isEmpty)
    }

    /// A README's long list of sentences under "Resources" is the project speaking; a long
    /// list that opens every item with a link is a directory.
    @Test func longListsOfSentencesAndOfLinks() {
        let sentences = (1...8).map { "- Read our [guide \($0)](https://docs.acme.example/\($0))." }.joined(separator: "\n")
        let directory = (1...9).map { "- [Project \($0)](https://chat.acme.example/\($0)) - a neighbour." }.joined(separator: "\n")
        let readme = """
            # Ledger

            ## Resources

            - Converse with us in our [Slack channel](https://join.slack.com/t/acme/shared_invite/x).
            \(sentences)

            ## Friends

            \(directory)
            """
        let channels = Channels.read(prose(readme, path: "README.md"), anywhere: false)
        #expect(channels.map(\.name) == ["Slack channel"])
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
