/// Who wrote a ``TranscriptMessage``.
///
/// A struct over a private enum, so later sources can add roles without breaking exhaustive switches.
public struct TranscriptAuthorRole: Hashable, Sendable, Codable, CustomStringConvertible {
    private enum Base: String, Hashable, Sendable {
        case customer
        case agent
        case bot
        case system
    }

    private let base: Base

    private init(_ base: Base) {
        self.base = base
    }

    /// The end user: a Chat visitor, a Messaging user.
    public static let customer = TranscriptAuthorRole(.customer)
    /// A human agent.
    public static let agent = TranscriptAuthorRole(.agent)
    /// An automated participant: a bot, a trigger, an answer bot.
    public static let bot = TranscriptAuthorRole(.bot)
    /// The platform itself: joins, leaves, queue positions, tags, ratings, and any event of unknown type.
    public static let system = TranscriptAuthorRole(.system)

    /// `customer`, `agent`, `bot` or `system`; bounded, safe as a metric label.
    public var description: String { self.base.rawValue }

    /// Decodes one of the four names; an unknown name decodes as ``system``, so newer data still reads.
    /// - Parameter decoder: The decoder.
    public init(from decoder: any Decoder) throws {
        let name = try decoder.singleValueContainer().decode(String.self)
        self.init(Base(rawValue: name) ?? .system)
    }

    /// Encodes the role's name.
    /// - Parameter encoder: The encoder.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.base.rawValue)
    }
}
