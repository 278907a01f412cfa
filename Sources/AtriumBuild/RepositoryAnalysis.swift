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

    /// Debian's cmark-gfm 0.29 predates the fixes for quadratic table parsing: a document with
    /// more table-like lines than this is read without the table extension.
    static let maxTableLines = 2_000

    /// - Parameter activeDays: a person with a commit in this many days before the harvest is active.
    init(snapshot: RepositorySnapshot, slug: String, harvestDiagnostics: [Diagnostic], activeDays: Int = 180) {
        var documents: [String: MarkdownDocument] = [:]
        var diagnostics = harvestDiagnostics
        for file in [snapshot.file(.readme), snapshot.file(.contributing)].compactMap({ $0 }) {
            let markdown: String
            if file.isMarkdown {
                markdown = FrontMatter.split(file.text).body
            } else if file.path.lowercased().hasSuffix(".rst") {
                markdown = ReStructuredText.markdown(from: file.text)
            } else if file.path.lowercased().hasSuffix(".adoc") || file.path.lowercased().hasSuffix(".asciidoc") {
                markdown = AsciiDoc.markdown(from: file.text)
            } else {
                continue
            }
            var extensions = MarkdownDocument.gfmExtensions
            let tableLines = markdown.utf8.split(separator: UInt8(ascii: "\n")).count { $0.contains(UInt8(ascii: "|")) }
            if tableLines > Self.maxTableLines {
                extensions.removeAll { $0 == "table" }
                diagnostics.append(.warning(repository: snapshot.name, file: file.path,
                    "\(tableLines) table lines, over the \(Self.maxTableLines) a page can show; tables shown as text"))
            }
            documents[file.path] = MarkdownDocument(parsing: markdown, extensions: extensions)
        }
        let extraction = ProjectExtractor.extract(snapshot, slug: slug, documents: documents, activeDays: activeDays)
        self.snapshot = snapshot
        self.documents = documents
        self.project = extraction.project
        self.diagnostics = diagnostics + extraction.diagnostics
    }
}
