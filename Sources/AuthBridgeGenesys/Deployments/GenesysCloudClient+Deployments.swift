internal import AuthBridgeCore
internal import AuthBridgeJWT
internal import NIOHTTP1

extension GenesysCloudClient {
    /// A Messenger deployment and its identity resolution (two reads, for the doctor).
    /// - Parameter id: The deployment id.
    /// - Returns: What the doctor checks.
    /// - Throws: ``GenesysError`` (``GenesysError/Code/notFound`` for an unknown deployment) or `CancellationError`.
    public func messengerDeployment(id: String) async throws -> GenesysMessengerDeployment {
        let path = "/api/v2/webdeployments/deployments/\(PathSegment.escaped(id))"
        let deployment = try await self.transport.send(GenesysRequest(.GET, path, isIdempotent: true)).jsonObject()
        let resolution = try await self.transport.send(GenesysRequest(.GET, path + "/identityresolution", isIdempotent: true)).jsonObject()
        return GenesysMessengerDeployment(
            id: id,
            status: deployment["status"]?.stringValue ?? "",
            resolvesIdentities: resolution["resolveIdentities"]?.boolValue ?? false,
            identityResolutionSourceID: resolution["externalSource"]?.objectValue?["id"]?.stringValue,
            mergesAuthenticatedSessions: resolution["automerge"]?.objectValue?["authenticatedWebMessaging"]?.boolValue ?? false
        )
    }
}
