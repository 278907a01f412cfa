public import AtriumModel
import History
public import Markdown

/// Reads what a would-be contributor needs from a repository snapshot. Every fact keeps the
/// file and line it came from. Sources, strongest first: metadata files, ownership files, then
/// the prose of the contribution guide and the README.
public enum ProjectExtractor {
    public struct Result {
        public var project: Project
        public var diagnostics: [Diagnostic]
    }

    /// - Parameters:
    ///   - documents: the snapshot's Markdown files, parsed (front matter removed), by path;
    ///     read, never changed.
    ///   - activeDays: a declared person with a commit in this many days before the harvest is active.
    public static func extract(_ snapshot: RepositorySnapshot, slug: String,
                               documents: [String: MarkdownDocument], activeDays: Int = 180) -> Result {
        let metadata = Metadata.read(snapshot)
        let ownership = Ownership.read(snapshot)
        let readme = snapshot.file(.readme)
        let guide = snapshot.file(.contributing)
        let summary = readme.map { ReadmeSummary.read($0, document: documents[$0.path]) }
        // The contribution guide speaks first; the README fills gaps.
        let prose = [guide, readme].compactMap { file -> (ProseDocument, Bool)? in
            guard let file, let document = documents[file.path] else { return nil }
            return (ProseDocument(path: file.path, text: file.text, document: document), file.kind == .contributing)
        }

        var project = Project(
            slug: slug,
            repository: snapshot.name,
            name: metadata.name ?? summary?.title ?? Fact(snapshot.name, source: nil),
            description: metadata.description ?? summary?.description,
            topics: normalisedTopics(snapshot.source.tags + metadata.topics),
            readme: readme?.path,
            contributing: guide?.path,
            codeowners: snapshot.file(.codeowners)?.path,
            files: snapshot.files.map(\.path))
        project.language = metadata.language ?? readme.flatMap { file in
            documents[file.path].flatMap { CodeLanguage.main(in: $0, path: file.path) }
        }
        project.commit = snapshot.commit
        project.activity = snapshot.activity
        project.harvestedAt = snapshot.fetchedAt
        project.history = snapshot.history
        project.activeDays = activeDays
        project.staleSince = snapshot.staleSince
        project.licence = snapshot.file(.licence)?.path
        project.codeOfConduct = snapshot.file(.codeOfConduct)?.path

        var owners = metadata.owners + ownership.owners
        var trustedCommitters = metadata.trustedCommitters + ownership.trustedCommitters
        var accepts = metadata.accepts
        var doesNotAccept: [Contribution] = []
        var onboarding: [OnboardingStep] = []
        var reviewCommitment = metadata.reviewCommitment
        var channels = metadata.channels
        for (document, isGuide) in prose {
            let people = PeopleInProse.read(document)
            owners += people.owners
            trustedCommitters += people.trustedCommitters
            let acceptance = Acceptance.read(document, isContributingGuide: isGuide)
            accepts += acceptance.accepts
            doesNotAccept += acceptance.doesNotAccept
            // Set-up steps come from one document: the guide's when it gives commands (numbered
            // steps without one, such as "fork, branch, open a pull request", are a workflow).
            let steps = Onboarding.read(document, isContributingGuide: isGuide,
                                        projectNames: [snapshot.name, project.name.value, summary?.title?.value].compactMap { $0 })
            if !onboarding.contains(where: { $0.command != nil }) {
                if onboarding.isEmpty || steps.contains(where: { $0.command != nil }) { onboarding = steps }
            } else {
                onboarding += steps.filter { $0.command != nil }
            }
            if reviewCommitment == nil { reviewCommitment = ReviewPromise.read(document) }
            channels += Channels.read(document, anywhere: isGuide)
        }
        // A team named only in prose ("run by the Search team") is the owner when nothing
        // stronger names one; otherwise it is usually the same team under another name.
        if owners.contains(where: { $0.handle != nil }) { owners.removeAll { $0.handle == nil } }
        // An unfilled template's `@GitHubUsername` names nobody; say the template was not filled in.
        let placeholders = (owners + trustedCommitters).filter(Placeholder.isPlaceholder)
            .map { Fact($0.handle ?? $0.name ?? "", source: $0.source) }
            + channels.filter(Placeholder.isPlaceholder).map { Fact($0.name ?? $0.url ?? "", source: $0.source) }
        owners.removeAll(where: Placeholder.isPlaceholder)
        trustedCommitters.removeAll(where: Placeholder.isPlaceholder)
        channels.removeAll(where: Placeholder.isPlaceholder)
        project.owners = unique(owners, by: \.identity)
        project.trustedCommitters = unique(trustedCommitters, by: \.identity)
        project.accepts = unique(accepts, by: \.type)
        project.doesNotAccept = unique(doesNotAccept) { "\($0.type.rawValue) \($0.text.lowercased())" }
        project.onboarding = Onboarding.removingRepeats(onboarding)
        project.reviewCommitment = reviewCommitment
        project.channels = Channels.consolidated(unique(channels) { "\($0.kind.rawValue) \(($0.name ?? $0.url ?? "").lowercased())" })
        project.notes = notes(metadata: metadata, summary: summary)
        project.unfilledPlaceholders = unique(placeholders) { "\($0.value) \($0.source.map(\.description) ?? "")" }
        if let history = snapshot.history {
            project.people = History.people(declared: (project.owners + project.trustedCommitters).compactMap(\.declaration),
                                            authors: history.authorIndex, now: history.harvestedAt, activeDays: activeDays)
        }
        project.readiness = ReadinessReport.assess(project)
        return Result(project: project, diagnostics: metadata.diagnostics + ownership.diagnostics)
    }

    /// Where the README says otherwise than the metadata that won.
    private static func notes(metadata: Metadata, summary: ReadmeSummary?) -> [Fact<String>] {
        var notes: [Fact<String>] = []
        if let chosen = metadata.name, let title = summary?.title, title.value != chosen.value {
            notes.append(Fact("The README calls it \"\(title.value)\"; \(chosen.source?.file ?? "metadata") names it \"\(chosen.value)\", which is used.",
                              source: title.source))
        }
        if let chosen = metadata.description, let prose = summary?.description, prose.value != chosen.value {
            notes.append(Fact("The README describes it differently; the description from \(chosen.source?.file ?? "metadata") is used.",
                              source: prose.source))
        }
        return notes
    }

    private static func normalisedTopics(_ topics: [String]) -> [String] {
        Array(Set(topics.map { $0.lowercased().trimmingCharacters(in: " ") }.filter { !$0.isEmpty })).sorted()
    }

    /// The first of each key, in order: stronger sources come first.
    private static func unique<T, Key: Hashable>(_ items: [T], by key: (T) -> Key) -> [T] {
        var seen: Set<Key> = []
        return items.filter { seen.insert(key($0)).inserted }
    }
}
