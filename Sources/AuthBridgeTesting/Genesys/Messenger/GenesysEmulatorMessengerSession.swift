/// An authenticated Messenger session as the ``GenesysEmulator`` holds it, for assertions.
public struct GenesysEmulatorMessengerSession: Sendable, Hashable {
    /// The emulator's session id (the Genesys JWT's `sid`).
    public let id: String
    /// The deployment the session belongs to.
    public let deploymentID: String
    /// The ID token's claims as Genesys read them at sign-in, serialized JSON.
    public let identityClaimsJSON: String
    /// The ID token's `sub`: what Architect sees as `senderAddressInfo.addressDisplayable`.
    public let subject: String
    /// How many refreshes succeeded.
    public let refreshCount: Int
    /// Whether the session ended: revoked by the page, or refused by the provider at a refresh.
    public let hasEnded: Bool
}
