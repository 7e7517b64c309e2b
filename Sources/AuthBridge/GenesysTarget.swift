public import AuthBridgeGenesys

/// The Genesys Cloud organization the bridge starts widgets in.
public struct GenesysTarget: Sendable {
    /// Where guest chats are created, and how.
    public struct GuestChat: Sendable, Hashable {
        /// The organization id guest chats name.
        public var organizationID: String
        /// The Web Chat deployment id.
        public var deploymentID: String
        /// Where the chat is routed.
        public var routingTarget: GenesysRoutingTarget
        /// Whether the deployment requires a signed member token (`memberAuthToken`).
        public var requiresMemberAuthentication: Bool

        /// Creates guest chat settings.
        /// - Parameters:
        ///   - organizationID: The organization id.
        ///   - deploymentID: The deployment id.
        ///   - routingTarget: The queue and skills.
        ///   - requiresMemberAuthentication: Default `true`: an authenticated customer should appear as one.
        public init(organizationID: String, deploymentID: String, routingTarget: GenesysRoutingTarget, requiresMemberAuthentication: Bool = true) {
            self.organizationID = organizationID
            self.deploymentID = deploymentID
            self.routingTarget = routingTarget
            self.requiresMemberAuthentication = requiresMemberAuthentication
        }
    }

    /// The client for platform calls (signed data, attributes, contacts, notes) and guest chat creation.
    public var client: GenesysCloudClient
    /// Guest chat settings, if the site uses the guest chat API.
    public var guestChat: GuestChat?
    /// Whether the Web Chat 1.x and guest chat widgets may start. Genesys retired ACD web chat v2 in 2026
    /// (help article "deprecation-removal-of-acd-web-chat-version-2"): the guest chat API, the chats
    /// conversation paths and signed data are gone from its definitions. Off by default; an organization
    /// Genesys still serves web chat to opts in. Off, those widgets answer 400 with the cause
    /// ``Diagnosis/Cause/retiredAPI``.
    public var legacyWebChat: Bool

    /// Creates a target.
    /// - Parameters:
    ///   - client: The Genesys client, built on the broker's service token.
    ///   - guestChat: Guest chat settings, if used (needs `legacyWebChat`).
    ///   - legacyWebChat: Whether the retired web chat widgets may start; default `false`.
    public init(client: GenesysCloudClient, guestChat: GuestChat? = nil, legacyWebChat: Bool = false) {
        self.client = client
        self.guestChat = guestChat
        self.legacyWebChat = legacyWebChat
    }
}
