public import AtriumModel
public import Markdown

/// Reads what a would-be contributor needs from a repository snapshot. Every fact keeps the
/// file and line it came from; metadata files win over prose.
public enum ProjectExtractor {
    public struct Result {
        public var project: Project
        public var diagnostics: [Diagnostic]
    }

    /// - Parameters:
    ///   - documents: the snapshot's Markdown files, parsed, by path; read, never changed.
    public static func extract(_ snapshot: RepositorySnapshot, slug: String,
                               documents: [String: MarkdownDocument]) -> Result {
        var diagnostics: [Diagnostic] = []
        let metadata = Metadata.read(snapshot, diagnostics: &diagnostics)
        let readme = snapshot.file(.readme)
        let prose = readme.map { ReadmeSummary.read($0, document: documents[$0.path]) }

        let name = metadata.name ?? prose?.title ?? Fact(snapshot.name, source: nil)
        let description = metadata.description ?? prose?.description
        var topics = snapshot.source.tags + metadata.topics
        topics = Array(Set(topics.map { $0.lowercased() })).sorted()

        let project = Project(
            slug: slug,
            repository: snapshot.name,
            name: name,
            description: description,
            topics: topics,
            readme: readme?.path,
            contributing: snapshot.file(.contributing)?.path,
            codeowners: snapshot.file(.codeowners)?.path,
            files: snapshot.files.map(\.path))
        return Result(project: project, diagnostics: diagnostics)
    }
}
