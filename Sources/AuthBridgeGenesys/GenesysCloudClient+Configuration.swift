extension GenesysCloudClient {
    /// Limits and policies of a ``GenesysCloudClient``.
    public struct Configuration: Sendable {
        /// Timeouts, size caps and retries.
        public var http: GenesysHTTPPolicy
        /// Caps on guest chat member fields.
        public var guestChatLimits: GenesysGuestChatLimits
        /// How transcripts are split into contact notes.
        public var noteLimits: GenesysNoteLimits
        /// The External Source id to attach to the `ExternalId` identifiers this client writes, if your
        /// organization defines one for Zendesk.
        public var externalSourceID: String?

        /// Creates a configuration.
        /// - Parameters:
        ///   - http: Timeouts, size caps and retries.
        ///   - guestChatLimits: Caps on guest chat member fields.
        ///   - noteLimits: How transcripts are split into notes.
        ///   - externalSourceID: The External Source id for `ExternalId` identifiers.
        public init(
            http: GenesysHTTPPolicy = GenesysHTTPPolicy(),
            guestChatLimits: GenesysGuestChatLimits = GenesysGuestChatLimits(),
            noteLimits: GenesysNoteLimits = GenesysNoteLimits(),
            externalSourceID: String? = nil
        ) {
            self.http = http
            self.guestChatLimits = guestChatLimits
            self.noteLimits = noteLimits
            self.externalSourceID = externalSourceID
        }
    }
}
