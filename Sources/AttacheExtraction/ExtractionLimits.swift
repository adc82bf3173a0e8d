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
