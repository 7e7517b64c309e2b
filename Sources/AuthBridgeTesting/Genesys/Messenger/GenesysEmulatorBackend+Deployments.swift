internal import AuthBridgeJWT
internal import Hummingbird
import Synchronization

extension GenesysEmulatorBackend {
    /// `GET /api/v2/webdeployments/deployments/{deploymentId}`: a `WebDeployment`.
    func webDeployment(_ request: Request, id: String) -> Response {
        if case .failure(let response) = self.authorize(request) { return response }
        guard let deployment = self.state.withLock({ $0.deployments[id] }) else {
            return self.error(.notFound, code: "not.found", message: "The requested deployment was not found.")
        }
        return self.reply([
            "id": .string(deployment.id),
            "name": .string(deployment.id),
            "status": .string(deployment.status.rawValue),
            "allowAllDomains": .bool(deployment.allowAllDomains),
            "allowedDomains": .array(deployment.allowedDomains.map { .string($0) }),
            "selfUri": .string("/api/v2/webdeployments/deployments/\(deployment.id)"),
        ])
    }

    /// `GET /api/v2/webdeployments/deployments/{deploymentId}/identityresolution`: a
    /// `DeploymentIdentityResolutionConfig`, its External Source named by id.
    func identityResolution(_ request: Request, deploymentID: String) -> Response {
        if case .failure(let response) = self.authorize(request) { return response }
        let found = self.state.withLock { state -> (GenesysEmulator.MessengerDeployment, String?)? in
            guard let deployment = state.deployments[deploymentID] else { return nil }
            let source = deployment.identityResolutionSourceName.flatMap { name in
                state.externalSources.first { $0.value["name"]?.stringValue == name }?.key
            }
            return (deployment, source)
        }
        guard let (deployment, sourceID) = found else {
            return self.error(.notFound, code: "not.found", message: "The requested deployment was not found.")
        }
        var body: JSONObject = [
            "resolveIdentities": .bool(deployment.identityResolutionSourceName != nil),
            "automerge": ["authenticatedWebMessaging": .bool(deployment.identityResolutionSourceName != nil), "webTracking": false],
            "selfUri": .string("/api/v2/webdeployments/deployments/\(deployment.id)/identityresolution"),
        ]
        if let sourceID { body["externalSource"] = ["id": .string(sourceID)] }
        return self.reply(.object(body))
    }
}
