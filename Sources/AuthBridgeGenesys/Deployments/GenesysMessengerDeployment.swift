/// A Web Messaging (Messenger) deployment as the doctor checks it: `GET /api/v2/webdeployments/deployments/{id}`
/// (`WebDeployment`) and its identity resolution (`DeploymentIdentityResolutionConfig`).
public struct GenesysMessengerDeployment: Sendable, Hashable {
    /// The deployment id.
    public var id: String
    /// `WebDeployment.status`: `Pending`, `Active`, `Inactive`, `Error` or `Deleting`.
    public var status: String
    /// `resolveIdentities`: whether Genesys resolves customers to External Contacts.
    public var resolvesIdentities: Bool
    /// `externalSource.id`: the External Source identity resolution uses, if any.
    public var identityResolutionSourceID: String?
    /// `automerge.authenticatedWebMessaging`: whether authenticated sessions merge into one contact.
    public var mergesAuthenticatedSessions: Bool

    /// Creates a deployment record.
    /// - Parameters:
    ///   - id: The id.
    ///   - status: The status.
    ///   - resolvesIdentities: Whether identities are resolved.
    ///   - identityResolutionSourceID: The External Source id.
    ///   - mergesAuthenticatedSessions: Whether authenticated sessions merge.
    public init(id: String, status: String, resolvesIdentities: Bool, identityResolutionSourceID: String?, mergesAuthenticatedSessions: Bool) {
        self.id = id
        self.status = status
        self.resolvesIdentities = resolvesIdentities
        self.identityResolutionSourceID = identityResolutionSourceID
        self.mergesAuthenticatedSessions = mergesAuthenticatedSessions
    }
}
