import AtriumModel
import Markdown

/// Where to ask: chat channels (`#payments-dev` on Slack), mailing lists, forums and issue
/// trackers that the README or contribution guide sends people to.
enum Channels {
    /// - Parameter anywhere: read every section (a contribution guide); otherwise only the
    ///   introduction and sections about help, community and contributing (a README, whose
    ///   other links are documentation and neighbours, not places to ask).
    static func read(_ prose: ProseDocument, anywhere: Bool) -> [Channel] {
        var channels: [Channel] = []
        /// Outside a README's help sections only what is unmistakably a place to ask counts:
        /// a chat invitation, a forum, a Stack Overflow tag, a `#channel` on a named platform.
        func isGated(_ section: ProseDocument.Section) -> Bool {
            !(anywhere || section.headings.count <= 1 || section.isUnder(isHelpHeading))
        }
        func addLink(url: String, label: String, context: String, gated: Bool, line: Int) {
            guard !isSecurityOnly(label.lowercased() + " " + url.lowercased()),
                  !isPlaceholderOrRobot(url.hasPrefix("mailto:") ? String(url.dropFirst(7)) : url),
                  let kind = kind(ofLink: url.lowercased(), context: context, label: label.lowercased()),
                  !gated || kind == .chat || kind == .forum else { return }
            // The link's words name the channel ("Discord", "#payments-dev"), unless they
            // are the address again or a whole sentence.
            let isAddress = label.lowercased().hasPrefix("http") || label.includes("/")
            var name = label.isEmpty || isAddress || label.count > 60 ? nil : label
            // A mail address is its own name ("write to dev@…" is the same list).
            if url.lowercased().hasPrefix("mailto:") {
                name = String(url.dropFirst("mailto:".count).prefix { $0 != "?" })
            }
            add(Channel(kind: kind, name: name, url: url.hasPrefix("mailto:") ? nil : url, source: prose.source(line)),
                to: &channels)
        }
        // Raw HTML link bars (`<a href="…">Our forum</a>` in a centred header).
        for section in prose.sections {
            let headings = section.headings.joined(separator: " ").lowercased()
            guard !isSecurityOnly(headings) else { continue }
            for block in section.blocks where block.kind == .htmlBlock {
                for (url, label) in HTMLFragments.links(in: block.literal ?? "") {
                    addLink(url: url, label: label, context: headings + " " + label.lowercased(), gated: isGated(section),
                            line: prose.line(of: String(label.prefix(30)), in: block))
                }
            }
        }
        // A long list of links (a directory, an "awesome" list: most items open with their
        // link) holds references, not the project's own places to ask; a long list of
        // sentences ("Converse with us on …") is the project speaking.
        var inDirectories: Set<MarkdownNode> = []
        for list in prose.document.root.descendants where list.kind == .list && list.children.count > 8 {
            guard list.children.filter(opensWithLink).count * 2 > list.children.count else { continue }
            for node in list.descendants where node.kind == .paragraph { inDirectories.insert(node) }
        }
        for paragraph in prose.paragraphs {
            let section = prose.sections[paragraph.section]
            let gated = isGated(section)
            if gated && inDirectories.contains(paragraph.node) { continue }
            let block = paragraph.node
            let headings = section.headings.joined(separator: " ").lowercased()
            // A security policy's address is for reports, not questions.
            if isSecurityOnly(headings) { continue }
            let context = headings + " " + paragraph.lower
            for link in block.descendants where link.kind == .link {
                guard let url = link.url else { continue }
                let label = link.plainText.collapsingWhitespace
                // The visible words find the line; an autolinked address is its own label.
                addLink(url: url, label: label, context: context, gated: gated,
                        line: prose.line(of: String((label.isEmpty ? url : label).prefix(30)), in: block))
            }
            if gated {
                // "the `#ledger-dev` room on our Matrix server": a channel on a named platform, anywhere.
                for sentenceText in paragraph.sentences where sentenceText.text.includes("#") && isChatContext(sentenceText.lower) {
                    for word in chatNames(in: sentenceText.text) {
                        add(Channel(kind: .chat, name: word, url: nil, source: prose.source(prose.line(of: word, in: block))),
                            to: &channels)
                    }
                }
                continue
            }
            let hasLinks = block.descendants.contains { $0.kind == .link }
            for sentenceText in paragraph.sentences {
                let sentence = sentenceText.text, lower = sentenceText.lower
                // "ask on our Discord server": the platform, when no channel or link is named.
                if !hasLinks, !sentence.includes("#"), let platform = chatPlatform(in: lower) {
                    add(Channel(kind: .chat, name: platform, url: nil,
                                source: prose.source(prose.line(of: platform, in: block))), to: &channels)
                }
                // "Ask on Stack Overflow", "via GitHub Discussions": a forum named without a link.
                if !hasLinks, lower.includesAny(Self.forumCues), let forum = forumPlatform(in: sentence, lower: lower) {
                    add(Channel(kind: .forum, name: forum, url: nil,
                                source: prose.source(prose.line(of: forum, in: block))), to: &channels)
                }
                // "Office hours: Tuesdays after lunch", "the community meeting".
                if lower.includesAny(Self.meetingCues), let meeting = meeting(in: sentence, lower: lower) {
                    add(Channel(kind: .other, name: meeting, url: block.descendants.first { $0.kind == .link }?.url,
                                source: prose.source(prose.line(of: meeting, in: block))), to: &channels)
                }
                // "Please open an issue", "report bugs in the GitHub issue tracker": the files send
                // contributors to the issue tracker, whether or not they link it.
                if let name = issueTrackerSent(to: lower, in: sentence) {
                    add(Channel(kind: .issueTracker, name: name, url: nil,
                                source: prose.source(prose.line(of: name, in: block))), to: &channels)
                }
                guard sentence.includes("#") || sentence.includes("@") else { continue }
                if isChatContext(lower) {
                    for word in chatNames(in: sentence) {
                        add(Channel(kind: .chat, name: word, url: nil,
                                    source: prose.source(prose.line(of: word, in: block))), to: &channels)
                    }
                }
                for token in sentence.split(whereSeparator: { " ,;()[]<>\"'`*".contains($0) }) {
                    let word = token.trimmingCharacters(in: ".:!?")
                    if EmailAddress.isValid(word), isMailContext(lower), !isSecurityOnly(lower),
                              !isPlaceholderOrRobot(word) {
                        add(Channel(kind: mailKind(word, context: context), name: word, url: nil,
                                    source: prose.source(prose.line(of: word, in: block))), to: &channels)
                    }
                }
            }
        }
        // In the order a reader meets them.
        return channels.enumerated().sorted {
            ($0.element.source.line ?? 0, $0.offset) < ($1.element.source.line ?? 0, $1.offset)
        }.map(\.element)
    }

    /// The places a repository names, each once: one issue tracker; an address met again, or
    /// a page inside a forum already listed (a discussion category), is the same place; a
    /// workspace or invitation link beside a named channel of the same chat, or a chat
    /// platform named in passing where a link to it is listed, is that channel again.
    static func consolidated(_ channels: [Channel]) -> [Channel] {
        var kept: [Channel] = []
        for channel in oneIssueTracker(channels) {
            if let url = channel.url.map(normalised), kept.contains(where: { other in
                guard let known = other.url.map(normalised) else { return false }
                return known == url || (other.kind == channel.kind && channel.kind != .issueTracker && url.hasPrefix(known + "/"))
            }) { continue }
            kept.append(channel)
        }
        let chats = kept.filter { $0.kind == .chat }
        return kept.filter { channel in
            guard channel.kind == .chat, let platform = chatPlatform(of: channel) else { return true }
            if channel.url == nil, channel.name?.lowercased() == platform {
                return !chats.contains { $0 != channel && chatPlatform(of: $0) == platform }
            }
            guard !isNamedChannel(channel) else { return true }
            // Beside it (the same file, two lines either way), on the same platform.
            let neighbours = chats.filter { other in
                other != channel && chatPlatform(of: other) == platform && other.source.file == channel.source.file
                    && abs((other.source.line ?? 0) - (channel.source.line ?? 0)) <= 2
            }
            if neighbours.contains(where: isNamedChannel) { return false }
            return !neighbours.contains { chats.firstIndex(of: $0)! < chats.firstIndex(of: channel)! }
        }
    }

    private static let chatPlatforms = ["slack", "discord", "gitter", "matrix", "zulip", "teams", "mattermost"]

    private static func chatPlatform(of channel: Channel) -> String? {
        let text = ((channel.url ?? "") + " " + (channel.name ?? "")).lowercased()
        return chatPlatforms.first { text.includes($0) }
    }

    /// A channel itself (`#payments-dev`, a Slack archive or a Matrix room), not its workspace.
    private static func isNamedChannel(_ channel: Channel) -> Bool {
        if channel.name?.hasPrefix("#") == true { return true }
        guard let url = channel.url?.lowercased() else { return false }
        return url.includesAny(["/archives/", "/messages/", "/channels/", "/#/#", "/#/!", "/room/"])
            || (url.includes("gitter.im/") && !url.includes("join"))
    }

    /// A repository has one issue tracker: of the places that lead to one (a link, a sentence,
    /// a label's page), the first that has an address, else the first.
    static func oneIssueTracker(_ channels: [Channel]) -> [Channel] {
        let trackers = channels.filter { $0.kind == .issueTracker }
        guard trackers.count > 1, let kept = trackers.first(where: { $0.url != nil }) ?? trackers.first else {
            return channels
        }
        return channels.filter { $0.kind != .issueTracker || $0 == kept }
    }

    /// The issue tracker's name as the sentence writes it ("GitHub issues", "issue tracker"),
    /// when the sentence asks the reader to use it: a verb of opening, filing, reporting or
    /// searching up to four words before "issue", "ticket" or "bug tracker" (not a security
    /// issue: those go to a private address).
    static func issueTrackerSent(to lower: String, in sentence: String) -> String? {
        guard lower.includesAny(["issue", "ticket", "tracker"]), !isSecurityOnly(lower) else { return nil }
        let words = sentence.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        let lowered = words.map { $0.lowercased() }
        let requests: Set<String> = ["open", "opening", "file", "filing", "create", "creating", "submit", "submitting",
                                     "raise", "raising", "report", "reporting", "log", "post", "use", "using", "search",
                                     "check", "visit", "browse", "via", "through"]
        let platforms: Set<String> = ["github", "gitlab", "jira", "gitea", "bitbucket"]
        // "works without issues", "having issues with": problems, not the tracker.
        let everyday: Set<String> = ["without", "no", "having", "have", "has", "had", "causing", "cause", "causes",
                                     "known", "potential", "possible", "common", "fewer", "any"]
        // "Issues are used for bugs": what the tracker is for, as acceptance reads it.
        let statesPurpose = Acceptance.trackerPurpose(lower) != nil
        for (index, word) in lowered.enumerated() {
            let isIssue = word.hasPrefix("issue") && word.count <= 6
            let isTracker = (word == "tracker" || word == "trackers") && index > 0 && ["bug", "issue"].contains(lowered[index - 1])
            guard isIssue || word == "ticket" || word == "tickets" || isTracker else { continue }
            let window = lowered[max(0, index - 4)..<index]
            guard statesPurpose || window.contains(where: requests.contains) else { continue }
            // "report any issues" is the tracker; "without issues" is not.
            if index > 0, everyday.contains(lowered[index - 1]), !(lowered[index - 1] == "any" && window.contains(where: requests.contains)) {
                continue
            }
            var first = isTracker ? index - 1 : index
            if first > 0, platforms.contains(lowered[first - 1]) { first -= 1 }
            var last = index
            if isIssue, index + 1 < lowered.count, lowered[index + 1] == "tracker" { last = index + 1 }
            let range = words[first].startIndex..<words[last].endIndex
            // "open an issue" names the place by one of its entries: the place is the issues.
            let name = String(sentence[range])
            return ["issue", "ticket"].contains(name.lowercased()) ? name + "s" : name
        }
        return nil
    }

    /// `#payments-dev` and the like in a sentence: a `#` and a name, not a number (`#123`).
    static func chatNames(in sentence: String) -> [String] {
        sentence.split(whereSeparator: { " ,;()[]<>\"'`*".contains($0) }).compactMap { token in
            let word = token.trimmingCharacters(in: ".:!?")
            guard word.hasPrefix("#"), word.count > 2,
                  word.dropFirst().allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }),
                  !word.dropFirst().allSatisfy(\.isNumber) else { return nil }
            return word
        }
    }

    /// Adds a channel unless the same one is listed; a link and its bare name merge.
    private static func add(_ channel: Channel, to channels: inout [Channel]) {
        let key = channel.name?.lowercased()
        let address = channel.url.map(normalised)
        if let index = channels.firstIndex(where: { existing in
            existing.kind == channel.kind
                && ((key != nil && existing.name?.lowercased() == key)
                    || (address != nil && existing.url.map(normalised) == address))
        }) {
            if channels[index].url == nil { channels[index].url = channel.url }
            if channels[index].name == nil { channels[index].name = channel.name }
            return
        }
        channels.append(channel)
    }

    static func isHelpHeading(_ heading: String) -> Bool {
        Acceptance.isContributingHeading(heading)
            || ["help", "support", "community", "contact", "question", "feedback", "discuss", "chat", "talk", "reach", "ask",
                "communication", "get in touch", "where to", "bug", "issue", "report"].contains { heading.includes($0) }
            || Acceptance.isWaysToContributeHeading(heading)
    }

    /// `https://zola.discourse.group/` and `http://zola.discourse.group` are one place; so are an
    /// issue tracker and its new-issue forms.
    static func normalised(_ url: String) -> String {
        var text = Substring(url.lowercased())
        if text.includes("/issues/new"), let range = text.range(of: "/issues/new") { text = text[..<range.lowerBound] + "/issues" }
        for scheme in ["https://", "http://"] where text.hasPrefix(scheme) { text = text.dropFirst(scheme.count) }
        if text.hasPrefix("www.") { text = text.dropFirst(4) }
        while text.hasSuffix("/") { text = text.dropLast() }
        return String(text)
    }

    /// The host of a link, lower-cased ("chat.acme.example" of "https://chat.acme.example/x").
    private static func host(of url: String) -> Substring {
        var rest = Substring(url)
        // After the scheme's "://" (a byte search: this runs for every link).
        if let slash = rest.utf8.firstIndex(of: UInt8(ascii: "/")), slash > rest.startIndex,
           rest.utf8[rest.utf8.index(before: slash)] == UInt8(ascii: ":"),
           rest.utf8.index(after: slash) < rest.endIndex, rest.utf8[rest.utf8.index(after: slash)] == UInt8(ascii: "/") {
            rest = rest[rest.utf8.index(slash, offsetBy: 2)...]
        }
        rest = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        return rest.prefix { $0 != ":" }
    }

    private static func kind(ofLink url: String, context: String, label: String) -> Channel.Kind? {
        // Chat services by their host: a chat product's name in a repository path is no chat.
        let host = host(of: url)
        let chatHosts = ["slack.com", "discord.gg", "discord.com", "discordapp.com", "gitter.im", "matrix.to", "zulipchat.com",
                         "teams.microsoft.com", "teams.live.com", "web.libera.chat", "element.io", "t.me", "telegram.me",
                         "rocket.chat"]
        let chatHostStarts = ["slack.", "chat.", "mattermost.", "discord.", "zulip.", "matrix.", "gitter.", "element."]
        // A chat product's name as a label of the host: a company's own server
        // (`community.mattermost.example`), not only the product's ("teams." is as often a
        // company's page about its teams).
        let labels = host.split(separator: ".").drop { $0 == "www" }.dropLast()
        // …but a chat product's documentation, blog or downloads (`docs.mattermost.example`)
        // is read, not asked in: a site section's label first, or a page of a document.
        let siteSections: Set<Substring> = ["docs", "doc", "documentation", "developers", "developer", "api", "blog", "help",
                                            "learn", "about", "status", "download", "downloads", "handbook", "academy"]
        // The path after the host: a host ending in `.md` (Moldova) is no document.
        let afterScheme = url.range(of: "://").map { url[$0.upperBound...] } ?? url[...]
        let path = afterScheme.drop { $0 != "/" }.prefix { $0 != "?" && $0 != "#" }
        let isDocument = [".html", ".htm", ".pdf", ".md"].contains { path.hasSuffix($0) }
        let namesChat = (chatHostStarts.contains(where: { host.hasPrefix($0) })
            || labels.contains(where: { chatPlatforms.contains(String($0)) && $0 != "teams" }))
            && !(labels.first.map(siteSections.contains) ?? false) && !isDocument
        if url.hasPrefix("irc://") || url.hasPrefix("ircs://")
            || chatHosts.contains(where: { host == $0 || host.hasSuffix("." + $0) })
            || namesChat {
            // A Discord page that is no invitation or channel is the company's site.
            if host.hasSuffix("discord.com") && !url.includesAny(["/invite", "/channels/"]) { return nil }
            // The product's own home page (`https://matrix.org`) is no place anyone answers.
            if labels.count == 1, isHomePage(url) { return nil }
            return .chat
        }
        if url.hasPrefix("mailto:") {
            let address = String(url.dropFirst("mailto:".count))
            return isMailContext(context) && !isSecurityOnly(address) ? mailKind(address, context: context) : nil
        }
        // Google Groups is a forum where it is shown as one, else a mailing list.
        if url.includes("groups.google.com") || url.includes("googlegroups.com") {
            // The link's own words decide first: "the ledger-dev mailing list", "forums".
            if label.includes("list") || label.includes("mail") { return .mailingList }
            if label.includes("forum") { return .forum }
            // Then the sentence and heading around it ("join the mailing list on Google Groups").
            if context.includesAny(["mailing list", "mailing-list", "mail list"]) { return .mailingList }
            return context.includes("forum") || url.includes("/forum") ? .forum : .mailingList
        }
        // List servers by their software's paths (Mailman, its archives, Sympa).
        if url.includes("lists.") || url.includes("groups.io")
            || ["/mailman/", "/pipermail/", "/hyperkitty/", "/listinfo/", "/sympa/"].contains(where: url.includes) {
            return .mailingList
        }
        // A Stack Overflow tag is a place to ask; one answer there is a reference.
        if url.includes("stackoverflow.com") || url.includes("stackexchange.com") {
            return url.includes("/questions/tagged/") || url.includes("/tags/") ? .forum : nil
        }
        // One thread of a forum (a Discourse topic, a numbered discussion) is a reference.
        if url.includes("/t/") || isNumberedDiscussion(url) { return nil }
        if url.includes("discourse") || url.includes("/discussions") || url.includes("forum")
            || url.includes("community.") || url.includes("internals.") || url.includes("discuss.") {
            return .forum
        }
        if url.hasSuffix("/issues") || url.includes("/issues/new") || url.hasSuffix("/issues/")
            || url.includes("/-/issues") || url.includes("/jira/") || url.includes("jira.") && url.includes("browse")
            || url.includes("/newticket") || url.includes("bugzilla") || url.includes("show_bug.cgi") || url.includes("/tickets") {
            return .issueTracker
        }
        return nil
    }

    /// A list item whose first words are a link (`[Zola](…) - a static site generator`).
    private static func opensWithLink(_ item: MarkdownNode) -> Bool {
        guard let paragraph = item.children.first, paragraph.kind == .paragraph else { return false }
        var node = paragraph.children.first
        while let current = node, current.kind == .strong || current.kind == .emphasis { node = current.children.first }
        return node?.kind == .link
    }

    /// A link to a site's root: nothing after the host but a slash.
    private static func isHomePage(_ url: String) -> Bool {
        guard let scheme = url.range(of: "://") else { return false }
        let rest = url[scheme.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return true }
        return rest[slash...] == "/"
    }

    private static func isNumberedDiscussion(_ url: String) -> Bool {
        guard url.includes("/discussions/"), let range = url.range(of: "/discussions/") else { return false }
        return url[range.upperBound...].first?.isNumber == true
    }

    /// Cheap first tests, on the lower-cased sentence, before the slower readings below.
    static let forumCues = ["discussions", "stack overflow", "stackoverflow", "discourse"]
    static let meetingCues = ["office hour", "meeting", "community call"]

    /// Forums people name: Stack Overflow, GitHub Discussions, a Discourse.
    static func forumPlatform(in sentence: String, lower: String) -> String? {
        for name in ["GitHub Discussions", "Stack Overflow", "StackOverflow", "Discourse"] {
            guard let written = written(name.lowercased(), in: sentence, lower: lower) else { continue }
            let before = lower[..<written.offset].suffix(24)
            guard written.offset == lower.startIndex || ["on ", "in ", "via ", "at ", "use ", "using ", "our ", "the ", "ask", "post", ": "]
                .contains(where: { before.includes($0) }) else { continue }
            return written.text
        }
        return nil
    }

    /// A regular meeting where contributors can ask ("office hours on Fridays", "the community
    /// meeting"), named as written: the words before the colon or the phrase itself.
    static func meeting(in sentence: String, lower: String) -> String? {
        // CONVENTIONS.md's own examples of "other": office hours, a community meeting.
        let kinds = ["office hours", "office hour", "community call"]
        guard let kind = kinds.first(where: { lower.includes($0) }) ?? openMeeting(in: lower),
              !lower.includes("no office hours") else { return nil }
        // "Office hours: Tuesdays after lunch" — a label before a colon, not "at 15:00".
        if let colon = sentence.firstIndex(of: ":"), sentence[..<colon].lowercased().includes(kind),
           sentence[..<colon].split(separator: " ").count <= 5, !sentence[..<colon].contains(where: \.isNumber) {
            return String(sentence[..<colon]).trimmingCharacters(in: " *_-")
        }
        return written(kind, in: sentence, lower: lower)?.text
    }

    /// A meeting open to contributors, named from the word that says so: "the contributor and
    /// maintainer meeting", "our weekly meetings" — not "triage meetings", the maintainers' own.
    private static func openMeeting(in lower: String) -> String? {
        let words = lower.split(whereSeparator: { !$0.isLetter && $0 != "-" })
        let open: Set<Substring> = ["community", "contributor", "contributors", "maintainer", "maintainers", "developer",
                                    "developers", "public", "open", "regular", "weekly", "biweekly", "bi-weekly", "monthly"]
        for (index, word) in words.enumerated() where word == "meeting" || word == "meetings" {
            guard let first = words[max(0, index - 3)..<index].firstIndex(where: open.contains) else { continue }
            return words[first...index].joined(separator: " ")
        }
        return nil
    }

    /// `phrase` (lower-case) as `sentence` writes it, and where it starts in `lower`.
    private static func written(_ phrase: String, in sentence: String, lower: String) -> (text: String, offset: String.Index)? {
        guard lower.includes(phrase), let range = lower.range(of: phrase) else { return nil }
        let start = lower.distance(from: lower.startIndex, to: range.lowerBound)
        return (String(sentence.dropFirst(start).prefix(phrase.count)), range.lowerBound)
    }

    private static func chatPlatform(in sentence: String) -> String? {
        guard sentence.includesAny(["discord", "slack", "gitter", "zulip", "teams", "mattermost", "matrix"]) else {
            return nil
        }
        let platforms = [("discord", "Discord"), ("slack", "Slack"), ("gitter", "Gitter"), ("zulip", "Zulip"),
                         ("microsoft teams", "Microsoft Teams"), ("mattermost", "Mattermost"), ("matrix", "Matrix")]
        let invitation = ["our ", "the ", "join", "ask", "on ", "in "]
        for (word, name) in platforms {
            guard sentence.includes(word), let range = sentence.range(of: word) else { continue }
            let before = sentence[..<range.lowerBound].suffix(12)
            if invitation.contains(where: { before.includes($0) }) { return name }
        }
        return nil
    }

    private static func isChatContext(_ sentence: String) -> Bool {
        ["slack", "teams", "channel", "chat", "discord", "matrix", "irc", "gitter", "zulip", "mattermost", "join"]
            .contains { sentence.includes($0) }
    }

    /// A mailing list is a list (CONVENTIONS.md): an address the text calls one, or one on a
    /// list server or named like a list (`dev@`, `users@`, `…-discuss@`). A team's or a
    /// person's own address is another way to reach them.
    static func mailKind(_ address: String, context: String) -> Channel.Kind {
        if context.includesAny(["mailing list", "mailing-list", "mail list", "mailinglist", "listserv", "subscribe"]) {
            return .mailingList
        }
        let lower = address.lowercased()
        guard let at = lower.lastIndex(of: "@") else { return .mailingList }
        let local = lower[..<at], domain = lower[lower.index(after: at)...]
        let listHosts = ["lists.", "list.", "groups.", "listserv.", "mailman."]
        if listHosts.contains(where: { domain.hasPrefix($0) || domain.includes("." + $0) })
            || ["googlegroups.com", "groups.io"].contains(where: { domain == $0 || domain.hasSuffix("." + $0) }) {
            return .mailingList
        }
        let parts = local.split(whereSeparator: { "-_.+".contains($0) })
        let listWords: Set<Substring> = ["list", "discuss", "discussion", "dev", "devel", "developers", "users", "user",
                                         "announce", "community", "general", "l"]
        return parts.count > 0 && parts.contains(where: listWords.contains) ? .mailingList : .other
    }

    private static func isMailContext(_ sentence: String) -> Bool {
        ["mailing list", "mailing-list", "mail list", "list", "email", "e-mail", "mail us", "write to", "contact",
         "reach", "ask", "question", "mail"]
            .contains { sentence.includes($0) }
    }

    /// Addresses that lead nowhere a person answers: the documentation domains of RFC 2606
    /// that unfilled templates keep (`test@example.com`), and a list's robot addresses
    /// (`list+subscribe@`, `list-request@`) that stand for the list itself.
    static func isPlaceholderOrRobot(_ address: String) -> Bool {
        // Most links are neither: no address, no documentation domain.
        guard address.includes("@") || address.includes("example.") else { return false }
        let lower = address.lowercased()
        let domain = lower.split(separator: "@").last.map(String.init) ?? lower
        if ["example.com", "example.org", "example.net"].contains(where: { domain == $0 || domain.hasSuffix("." + $0) }) {
            return true
        }
        guard let local = lower.split(separator: "@").first, lower.includes("@") else { return false }
        return ["+subscribe", "-subscribe", "+unsubscribe", "-unsubscribe", "-request", "-join", "-leave", "+help"]
            .contains { local.hasSuffix($0) }
    }

    private static func isSecurityOnly(_ text: String) -> Bool {
        ["security@", "vulnerab", "security issue", "security report", "report security", "conduct@", "abuse@",
         "code of conduct", "unacceptable behavior", "privacy@"]
            .contains { text.includes($0) }
    }
}
