/// The work one document may cost the extractor. Every stage is bounded by these, so the cost of a
/// document grows in proportion to its length, whatever it contains ("met" 100,000 times after thirty
/// state names is a few milliseconds of work, not minutes and gigabytes). The caps sit well above what
/// real news produces: a summit of twenty states coded one event per pair is 190 events.
/// When a cap cuts something off, the digest says so in `warnings` (full digest and push reply).
public enum ExtractionLimits {
    /// Tokens in one sentence; a longer run-on is cut into pieces of this size.
    public static let maxSentenceTokens = 400
    /// Event triggers read in one sentence (the first ones).
    public static let maxTriggersPerSentence = 32
    /// Events (before merging duplicates) made from one trigger: every pair of twenty-three states.
    public static let maxEventsPerTrigger = 256
    /// Events (before merging duplicates) made from one sentence.
    public static let maxEventsPerSentence = 512
    /// Events (before merging duplicates) made from one document.
    public static let maxEventsPerDocument = 20_000
    /// Distinct events one document's digest may hold.
    public static let maxDigestEvents = 4_096
    /// Actors, and recipients, listed with one event.
    public static let maxParticipantsPerSide = 32
}

/// The wall-clock time one document may take, checked between the stages of extraction (persons,
/// organizations, dates, visits, states, quantities, events, participants). Once it has run out,
/// the stages left are skipped: the digest holds what the stages before found, and its `warnings`
/// name the budget and the first stage skipped. Each stage's own work is bounded and grows with
/// the text (``ExtractionLimits``), so a stage overshoots the budget by at most that much.
///
/// The clock is passed in, so extraction stays a pure function of its input and this value.
public struct ExtractionDeadline: Sendable {
    /// The budget it was made from, for the warning.
    public let budget: Duration
    private let expired: @Sendable () -> Bool

    /// The service's default budget per document (`extractor.max-extract-ms`): far above the
    /// longest real documents, which take well under a second.
    public static let defaultMilliseconds = 5_000

    /// A deadline `budget` after `clock.now`.
    public init<C: Clock>(budget: Duration, clock: C) where C.Duration == Duration {
        let deadline = clock.now.advanced(by: budget)
        self.budget = budget
        self.expired = { clock.now >= deadline }
    }

    /// A deadline `milliseconds` from now on the continuous clock.
    public init(milliseconds: Int) {
        self.init(budget: .milliseconds(milliseconds), clock: ContinuousClock())
    }

    /// Whether the budget has run out.
    public var hasPassed: Bool { self.expired() }

    /// The warning of a digest cut short before `stage`.
    func warning(before stage: String) -> String {
        let ms = self.budget.components.seconds * 1000 + self.budget.components.attoseconds / 1_000_000_000_000_000
        return "the extraction time budget (max_extract_ms, \(ms) ms) ran out before \(stage): the digest holds what was found before"
    }
}
