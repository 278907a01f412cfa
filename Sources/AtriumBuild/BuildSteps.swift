import CAtriumSystem
import Dispatch

/// The steps of `atrium build`, in the order they run. `harvest`, `explain` and `check` run
/// some of the same steps.
public enum BuildStep: String, Sendable, CaseIterable, Codable {
    /// Configuration, the repository list, the theme and the site's own pages.
    case loadSite = "load site"
    /// Every repository: harvest → parse → extract → render → page, reused when unchanged.
    case repositories
    /// The search index, from every project.
    case index
    /// Home page, lists, content pages, 404 and assets.
    case sitePages = "site pages"
    /// The new site swapped in for the old, and the build cache saved.
    case commit
}

/// How long a step took.
public struct StepTiming: Sendable, Codable, Equatable {
    public var step: BuildStep
    public var seconds: Double
}

/// Where a build says how far it is. The command line shows it on a terminal; everything else
/// passes `.silent`.
public struct BuildProgress: Sendable {
    public enum Event: Sendable {
        /// Step `number` of `total` began.
        case started(BuildStep, number: Int, total: Int)
        /// Within a step, `done` of `total` items.
        case advanced(BuildStep, number: Int, total: Int, done: Int, of: Int)
        case finished(BuildStep, seconds: Double)
        /// The step waits for another process (another build of the same site), as `reason` says.
        case waiting(BuildStep, reason: String)
    }

    let report: @Sendable (Event) -> Void

    public init(_ report: @escaping @Sendable (Event) -> Void) {
        self.report = report
    }

    public static let silent = BuildProgress { _ in }
}

/// Runs named steps in order: times each one, reports progress, and turns whatever a step
/// throws into a `BuildError` that names the step.
struct StepRunner {
    let progress: BuildProgress
    let steps: [BuildStep]
    private(set) var timings: [StepTiming] = []

    init(_ steps: [BuildStep], progress: BuildProgress) {
        self.steps = steps
        self.progress = progress
    }

    /// Reports `done` of `total` items of the running step.
    func advance(_ step: BuildStep) -> @Sendable (_ done: Int, _ total: Int) -> Void {
        let number = (steps.firstIndex(of: step) ?? 0) + 1
        let total = steps.count
        let progress = progress
        return { done, of in progress.report(.advanced(step, number: number, total: total, done: done, of: of)) }
    }

    mutating func run<Value>(_ step: BuildStep, _ body: () async throws -> Value) async throws(BuildError) -> Value {
        let number = (steps.firstIndex(of: step) ?? 0) + 1
        progress.report(.started(step, number: number, total: steps.count))
        let start = DispatchTime.now().uptimeNanoseconds
        defer {
            // What the step made and no longer needs is freed by now: the next step starts
            // from the memory still in use, not from this one's high-water mark.
            atrium_release_free_memory()
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            timings.append(StepTiming(step: step, seconds: seconds))
            progress.report(.finished(step, seconds: seconds))
        }
        do {
            return try await body()
        } catch let error as BuildError {
            throw error
        } catch {
            throw BuildError(step: step, error)
        }
    }
}
