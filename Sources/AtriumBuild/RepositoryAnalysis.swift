import AtriumModel
import Extract
import Harvest
import Markdown

/// One repository harvested and extracted: the part of the pipeline that `build`, `explain`
/// and `check` share. Markdown is parsed once here; rendering (build only) comes after.
struct RepositoryAnalysis {
    let snapshot: RepositorySnapshot
    /// The README and contribution guide, parsed, front matter removed, by path.
    let documents: [String: MarkdownDocument]
    let project: Project
    let diagnostics: [Diagnostic]

    init(snapshot: RepositorySnapshot, slug: String, harvestDiagnostics: [Diagnostic]) {
        var documents: [String: MarkdownDocument] = [:]
        for file in [snapshot.file(.readme), snapshot.file(.contributing)].compactMap({ $0 }) {
            if file.isMarkdown {
                documents[file.path] = MarkdownDocument(parsing: FrontMatter.split(file.text).body)
            } else if file.path.lowercased().hasSuffix(".rst") {
                documents[file.path] = MarkdownDocument(parsing: ReStructuredText.markdown(from: file.text))
            }
        }
        let extraction = ProjectExtractor.extract(snapshot, slug: slug, documents: documents)
        self.snapshot = snapshot
        self.documents = documents
        self.project = extraction.project
        self.diagnostics = harvestDiagnostics + extraction.diagnostics
    }
}
