extension GenesysCloudClient {
    /// Limits and policies of a ``GenesysCloudClient``.
    public struct Configuration: Sendable {
        /// Timeouts, size caps and retries.
        public var http: GenesysHTTPPolicy
        /// Caps on guest chat member fields.
        public var guestChatLimits: GenesysGuestChatLimits
        /// How transcripts are split into contact notes.
        public var noteLimits: GenesysNoteLimits
        /// The name of the External Source every `ExternalId` this client writes or looks up references
        /// (Genesys requires one); found by name, or created, on first use. Default ``defaultExternalSourceName``.
        /// Use the same source in the Messenger deployment's identity resolution, so Genesys's stitching
        /// and AuthBridge converge on one contact.
        public var externalSourceName: String
        /// The Genesys user id written as a note's `createdBy`, or `nil` (default) to send none.
        ///
        /// Genesys's definitions mark `Note.createdBy` optional, and a client-credentials token has no user
        /// of its own, so the default sends none. Should an organization refuse notes without it (a 400
        /// naming `createdBy`), the diagnosis names this setting (`genesys.notes.createdByUserId`).
        public var noteAuthorUserID: String?

        /// The External Source name used when none is configured: `Zendesk`.
        public static let defaultExternalSourceName = "Zendesk"

        /// Creates a configuration.
        /// - Parameters:
        ///   - http: Timeouts, size caps and retries.
        ///   - guestChatLimits: Caps on guest chat member fields.
        ///   - noteLimits: How transcripts are split into notes.
        ///   - externalSourceName: The External Source name for `ExternalId`s; default `Zendesk`.
        ///   - noteAuthorUserID: The user id for notes' `createdBy`; default none.
        public init(
            http: GenesysHTTPPolicy = GenesysHTTPPolicy(),
            guestChatLimits: GenesysGuestChatLimits = GenesysGuestChatLimits(),
            noteLimits: GenesysNoteLimits = GenesysNoteLimits(),
            externalSourceName: String = Configuration.defaultExternalSourceName,
            noteAuthorUserID: String? = nil
        ) {
            self.http = http
            self.guestChatLimits = guestChatLimits
            self.noteLimits = noteLimits
            self.externalSourceName = externalSourceName
            self.noteAuthorUserID = noteAuthorUserID
        }
    }
}
