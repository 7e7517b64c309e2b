public import AuthBridgeCore

/// What a history reader returns: the conversation so far and what the source knows about the customer.
public struct ZendeskHistory: Hashable, Sendable {
    /// The messages, oldest first.
    public var transcript: Transcript
    /// The customer's identity, tags, department, ticket, page and other facts.
    public var context: CustomerContext

    /// Creates a history.
    /// - Parameters:
    ///   - transcript: The messages.
    ///   - context: The customer context.
    public init(transcript: Transcript, context: CustomerContext) {
        self.transcript = transcript
        self.context = context
    }
}
