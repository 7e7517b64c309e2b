public import AuthBridgeGenesys

extension AuthBridgeConfiguration {
    /// The Genesys Cloud organization.
    ///
    /// | key | meaning |
    /// |---|---|
    /// | `genesys.region` or `genesys.baseURL` | the Genesys region name (`us_east_1`), domain, or an emulator URL |
    /// | `genesys.client.id`, `genesys.client.secret` | client-credentials OAuth client |
    /// | `genesys.externalSource.name` | `GenesysCloudClient.Configuration.externalSourceName`; default `Zendesk` |
    /// | `genesys.notes.createdByUserId` | `GenesysCloudClient.Configuration.noteAuthorUserID`; default none |
    /// | `genesys.legacyWebChat` | ``GenesysTarget/legacyWebChat``; default `false` |
    /// | `genesys.guestChat.organizationId`, `.deploymentId`, `.queue`, `.requiresMemberAuthentication` | ``GenesysTarget/GuestChat`` (legacy; needs `genesys.legacyWebChat`) |
    /// | `genesys.messenger.deploymentId` | the Messenger deployment the doctor checks (active, identity resolution in our External Source); default none |
    /// | `genesys.dataAction.userName`, `genesys.dataAction.secret` | the Basic Auth credential of the Web Services Data Actions integration that calls the messaging-context route (secret: 16+ bytes, never the OpenID client's); needs `oidc.*` |
    /// | `genesys.dataAction.deadlineSeconds` | how long the route retries Genesys's transient failures before answering 503 (`SessionBridge.Options.messagingContextDeadline`); 3–59, default 7; keep it under the data action's timeout (10 s in the shipped Terraform) |
    public struct Genesys: Sendable {
        /// The region.
        public var region: GenesysRegion
        /// The client-credentials client.
        public var credentials: GenesysCredentials
        /// The client's policies: the External Source name and the notes' author among them.
        public var client: GenesysCloudClient.Configuration
        /// Guest chat settings, if the site uses the guest chat API (legacy).
        public var guestChat: GenesysTarget.GuestChat?
        /// Whether the retired Web Chat 1.x and guest chat widgets may start.
        public var legacyWebChat: Bool
        /// The user name and secret Genesys's data action integration presents (Basic Auth) to the
        /// messaging-context route; `nil` leaves the route off.
        public var dataActionCredential: (userName: String, secret: Secret)?
        /// The Messenger deployment `authbridge doctor` checks (`genesys.messenger.deploymentId`).
        public var messengerDeploymentID: String?
        /// How long the messaging-context route retries Genesys's transient failures
        /// (`genesys.dataAction.deadlineSeconds`, `SessionBridge.Options.messagingContextDeadline`). Default 7 s.
        public var dataActionDeadline: Duration = .seconds(7)

        /// Creates the section.
        /// - Parameters:
        ///   - credentials: The client-credentials client; its region is the section's.
        ///   - client: The client's policies; default ones.
        ///   - guestChat: Guest chat settings (legacy), if any.
        ///   - legacyWebChat: Default `false`.
        ///   - dataActionCredential: The data action integration's Basic Auth credential; default none.
        public init(
            credentials: GenesysCredentials,
            client: GenesysCloudClient.Configuration = .init(),
            guestChat: GenesysTarget.GuestChat? = nil,
            legacyWebChat: Bool = false,
            dataActionCredential: (userName: String, secret: Secret)? = nil
        ) {
            self.region = credentials.client.region
            self.credentials = credentials
            self.client = client
            self.guestChat = guestChat
            self.legacyWebChat = legacyWebChat
            self.dataActionCredential = dataActionCredential
        }
    }
}

extension AuthBridgeConfiguration.Genesys {
    /// Reads the `genesys.*` keys, recording every problem in `read`; `nil` when none is set.
    package init?(reading read: inout ConfigurationReading) {
        let region = read.string("genesys.region")
        let baseURL = read.string("genesys.baseURL")
        let id = read.string("genesys.client.id")
        guard region != nil || baseURL != nil || id != nil else { return nil }
        var parsed: GenesysRegion?
        if let baseURL {
            do { parsed = try GenesysRegion.custom(baseURL: baseURL) } catch { read.problem("genesys.baseURL", "is not a usable base URL") }
        } else if let region {
            do { parsed = try GenesysRegion(region) } catch {
                read.problem("genesys.region", "is not a Genesys Cloud region; use a name like us_east_1 or a domain like mypurecloud.com")
            }
        } else {
            read.problem("genesys.region", "is required (or genesys.baseURL)")
        }
        if id == nil { read.problem("genesys.client.id", "is required") }
        let secret = read.secret("genesys.client.secret", minimumBytes: 8)
        if secret == nil, !read.hasProblem("genesys.client.secret") {
            read.problem("genesys.client.secret", "is required")
        }
        var guest: GenesysTarget.GuestChat?
        let organization = read.string("genesys.guestChat.organizationId")
        let deployment = read.string("genesys.guestChat.deploymentId")
        let queue = read.string("genesys.guestChat.queue")
        if organization != nil || deployment != nil || queue != nil {
            if let organization, let deployment, let queue {
                guest = .init(
                    organizationID: organization,
                    deploymentID: deployment,
                    routingTarget: GenesysRoutingTarget(queueName: queue),
                    requiresMemberAuthentication: read.optionalBool("genesys.guestChat.requiresMemberAuthentication") ?? true
                )
            } else {
                for (key, value) in [("organizationId", organization), ("deploymentId", deployment), ("queue", queue)] where value == nil {
                    read.problem("genesys.guestChat.\(key)", "is required for guest chat (with organizationId, deploymentId and queue)")
                }
            }
        }
        let legacyWebChat = read.optionalBool("genesys.legacyWebChat") ?? false
        if guest != nil, !legacyWebChat {
            read.problem(
                "genesys.guestChat",
                "needs genesys.legacyWebChat set to true: Genesys retired ACD web chat v2 (the guest chat API); use Messenger (oidc.*)"
            )
        }
        var client = GenesysCloudClient.Configuration()
        client.externalSourceName = read.string("genesys.externalSource.name") ?? GenesysCloudClient.Configuration.defaultExternalSourceName
        if client.externalSourceName.utf16.count > GenesysContactLimits.maximumExternalSourceNameLength {
            read.problem("genesys.externalSource.name", "is longer than \(GenesysContactLimits.maximumExternalSourceNameLength) characters")
        }
        client.noteAuthorUserID = read.string("genesys.notes.createdByUserId")
        let deploymentID = read.string("genesys.messenger.deploymentId")
        var dataAction: (userName: String, secret: Secret)?
        let dataActionUser = read.string("genesys.dataAction.userName")
        let dataActionSecret = read.secret("genesys.dataAction.secret", minimumBytes: 16)
        if let dataActionUser, let dataActionSecret {
            if dataActionUser.utf8.count > 256 || dataActionUser.contains(":") {
                read.problem("genesys.dataAction.userName", "must be at most 256 bytes without a colon (Basic Auth)")
            } else {
                dataAction = (dataActionUser, dataActionSecret)
            }
        } else if dataActionUser != nil || dataActionSecret != nil, !read.hasProblem("genesys.dataAction.secret") {
            read.problem("genesys.dataAction", "needs both userName and secret (the integration's Basic Auth credential)")
        }
        let deadlineSeconds = read.int("genesys.dataAction.deadlineSeconds", default: 7, in: 3...59)
        guard let parsed, let id, let secret else { return nil }
        self.init(
            credentials: GenesysCredentials(clientID: id, clientSecret: secret, region: parsed),
            client: client,
            guestChat: guest,
            legacyWebChat: legacyWebChat,
            dataActionCredential: dataAction
        )
        self.messengerDeploymentID = deploymentID
        self.dataActionDeadline = .seconds(deadlineSeconds)
    }
}
