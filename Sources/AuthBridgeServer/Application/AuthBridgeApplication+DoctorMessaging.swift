import AsyncHTTPClient
import AuthBridge
import Foundation
import NIOCore
import NIOHTTP1

extension AuthBridgeApplication {
    /// The Web Messaging checks: the deployment (`genesys.messenger.deploymentId`) is active and resolves
    /// identities in our External Source, and our messaging-context route answers the configured data
    /// action credential (a probe that writes nothing: an unbound subject answers `unknownSubject`).
    func messagingChecks(region: GenesysRegion?) async -> [DoctorCheck] {
        var checks: [DoctorCheck] = []
        if let genesys = self.genesys, let deploymentID = self.configuration.genesys?.messengerDeploymentID {
            let name = "Messenger deployment and identity resolution"
            do {
                let deployment = try await genesys.messengerDeployment(id: deploymentID)
                let ours = try await genesys.existingExternalSourceID()
                var problems: [String] = []
                if deployment.status != "Active" {
                    problems.append("the deployment is \(DiagnosisText.printable(deployment.status, limit: 20)), not Active")
                }
                if !deployment.resolvesIdentities { problems.append("identity resolution is off for it") }
                if let source = deployment.identityResolutionSourceID, let ours, source != ours {
                    problems.append("identity resolution uses another External Source than \(genesys.configuration.externalSourceName)")
                } else if deployment.identityResolutionSourceID == nil {
                    problems.append("identity resolution names no External Source")
                }
                if problems.isEmpty {
                    checks.append(
                        DoctorCheck(
                            name: name,
                            passed: true,
                            detail: "active; authenticated customers resolve in the External Source \"\(genesys.configuration.externalSourceName)\"",
                            diagnosis: nil
                        )
                    )
                } else {
                    let diagnosis = Diagnosis(
                        step: .configuration,
                        cause: .invalidConfiguration,
                        explanation: problems.joined(separator: "; "),
                        remedy:
                            "In Genesys Cloud, activate the deployment and, under Contacts > Identity Resolution > Web Messenger, turn resolution on for it with the External Source named in `genesys.externalSource.name`, so Genesys's stitching and AuthBridge converge on one contact.",
                        evidence: Diagnosis.Evidence()
                    )
                    checks.append(DoctorCheck(name: name, passed: false, detail: diagnosis.summary, diagnosis: diagnosis))
                }
            } catch {
                checks.append(Self.failed(name, error, at: .contextTransfer, region: region))
            }
        }
        if let credential = self.configuration.genesys?.dataActionCredential, let provider = self.provider {
            checks.append(await self.dataActionProbe(baseURL: provider.configuration.issuer, credential: credential))
        }
        return checks
    }

    /// Calls our own messaging-context route as Genesys's integration would, from outside (the issuer URL).
    private func dataActionProbe(baseURL: String, credential: (userName: String, secret: Secret)) async -> DoctorCheck {
        let name = "Messaging-context data action"
        let url = baseURL + "/authbridge/v1/genesys/messaging-context"
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        let basic = Data("\(credential.userName):\(credential.secret.revealed)".utf8).base64EncodedString()
        request.headers.add(name: "Authorization", value: "Basic " + basic)
        request.body = .bytes(
            ByteBuffer(string: #"{"conversationId": "authbridge-doctor", "sub": "authbridge-doctor-probe", "isAuthenticated": true}"#))
        let failure: String
        do {
            let response = try await self.httpClient.execute(request, timeout: .seconds(10))
            let body = String(buffer: try await response.body.collect(upTo: 64 << 10))
            if response.status == .ok, body.contains(#""status""#) {
                return DoctorCheck(
                    name: name, passed: true, detail: "\(url) accepted the configured credential and answered the flat output", diagnosis: nil)
            }
            failure =
                response.status == .unauthorized
                ? "\(url) refused the configured credential (401): the server runs with another genesys.dataAction credential"
                : "\(url) answered \(response.status.code), not the action's output: is AuthBridge at the issuer URL, with genesys.dataAction set?"
        } catch {
            failure = "\(url) could not be reached (\(type(of: error))): Genesys's integration calls it at the same URL"
        }
        let diagnosis = Diagnosis(
            step: .configuration,
            cause: .invalidConfiguration,
            explanation: failure,
            remedy:
                "Run the doctor against the deployed server, with the same `genesys.dataAction.userName` and `.secret` as the server and as the Web Services Data Actions integration's Basic Auth credential.",
            evidence: Diagnosis.Evidence()
        )
        return DoctorCheck(name: name, passed: false, detail: diagnosis.summary, diagnosis: diagnosis)
    }
}
