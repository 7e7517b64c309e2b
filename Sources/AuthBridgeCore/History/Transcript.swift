/// What a customer and the other side already said, in order, normalized from any source (Zendesk
/// Chat history, Sunshine Conversations messages) so a Genesys agent can read it, for example as contact
/// notes.
///
/// ```swift
/// let transcript = try await chatReader.read(chatID: id, logger: logger).transcript
/// for message in transcript.messages where message.role == .customer {
///     notes.append("\(message.displayName ?? "Customer"): \(message.text ?? "")")
/// }
/// ```
public struct Transcript: Hashable, Sendable, Codable {
    /// Which system the transcript came from, for example `zendesk.chat` or `zendesk.messaging`.
    public var source: String
    /// The source's id of the conversation (a Chat id, a Sunshine Conversations conversation id); opaque.
    public var conversationID: String
    /// The entries, oldest first.
    public var messages: [TranscriptMessage]
    /// Whether older entries exist that were not read because a configured cap was reached.
    public var isTruncated: Bool

    /// Creates a transcript.
    /// - Parameters:
    ///   - source: The source system.
    ///   - conversationID: The source's conversation id.
    ///   - messages: The entries, oldest first.
    ///   - isTruncated: Whether older entries were left out.
    public init(source: String, conversationID: String, messages: [TranscriptMessage], isTruncated: Bool = false) {
        self.source = source
        self.conversationID = conversationID
        self.messages = messages
        self.isTruncated = isTruncated
    }

    /// The transcript as plain lines, `[role] name: text`, oldest first, for notes or logs an operator
    /// reads. Never includes ``TranscriptMessage/details``.
    /// - Parameter maximumLength: Stop before the text grows past this many characters; a final line
    ///   says that the rest was left out.
    /// - Returns: The text.
    public func plainText(maximumLength: Int = .max) -> String {
        var lines: [String] = []
        var length = 0
        if self.isTruncated { lines.append("(older messages not shown)") }
        for message in self.messages {
            var line = "[\(message.role)]"
            if let name = message.displayName { line += " \(name)" }
            line += ": " + (message.text ?? "(\(message.originalType))")
            for attachment in message.attachments { line += " <\(attachment.url)>" }
            if length + line.count + 1 > maximumLength {
                lines.append("(transcript shortened)")
                break
            }
            length += line.count + 1
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
