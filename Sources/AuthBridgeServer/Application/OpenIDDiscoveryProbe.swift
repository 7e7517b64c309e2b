import AsyncHTTPClient
import AuthBridge
import NIOCore
import NIOHTTP1

/// The doctor's view of our OpenID provider from outside, the way Genesys sees it: discovery fetched from
/// the issuer URL must name this issuer, and the JWKS it points to must publish the keys this
/// configuration signs with. A Messenger integration whose Discovery URI reaches nothing, another
/// deployment or an old configuration fails every sign-in with `identity.provider.unavailable` or an
/// ID token Genesys cannot verify; this finds it before a customer does.
struct OpenIDDiscoveryProbe: Sendable {
    static let checkName = "OpenID provider discovery from the issuer URL"
    /// Discovery documents and key sets are a few KiB; anything larger is not ours.
    static let maximumBodySize = 64 << 10

    let provider: OpenIDProvider
    let httpClient: HTTPClient
    var timeout: TimeAmount = .seconds(5)

    /// A failed look, already in the words the check reports.
    private struct Failure: Error {
        let cause: Diagnosis.Cause
        let explanation: String
        let operation: String
        let status: Int?
    }

    func check() async -> DoctorCheck {
        let issuer = self.provider.configuration.issuer
        let discoveryURL = issuer + "/.well-known/openid-configuration"
        do {
            let discovery = try await self.fetchObject(discoveryURL, what: "discovery")
            guard let named = discovery["issuer"]?.stringValue, let jwksURI = discovery["jwks_uri"]?.stringValue else {
                throw Failure(
                    cause: .identityProviderUnavailable,
                    explanation: "\(discoveryURL) answered JSON without `issuer` and `jwks_uri`: not an OpenID discovery document",
                    operation: "GET \(discoveryURL)",
                    status: 200
                )
            }
            guard named == issuer else {
                throw Failure(
                    cause: .invalidConfiguration,
                    explanation: "discovery at \(discoveryURL) names the issuer \(Self.quoted(named)), not \(issuer): ID tokens carry \(issuer), so Genesys rejects them",
                    operation: "GET \(discoveryURL)",
                    status: 200
                )
            }
            let published = try await self.fetchObject(jwksURI, what: "the JWKS")
            let fetchedKeyIDs = Set((published["keys"]?.arrayValue ?? []).compactMap { $0.objectValue?["kid"]?.stringValue })
            let ownKeyIDs = self.ownKeyIDs()
            let missing = ownKeyIDs.filter { !fetchedKeyIDs.contains($0) }
            guard missing.isEmpty else {
                throw Failure(
                    cause: .invalidConfiguration,
                    explanation: "the JWKS at \(jwksURI) lacks the key ids \(missing.map(Self.quoted).joined(separator: ", ")) this configuration signs with: the issuer URL reaches another deployment or an older configuration",
                    operation: "GET \(jwksURI)",
                    status: 200
                )
            }
            return DoctorCheck(
                name: Self.checkName,
                passed: true,
                detail: "\(discoveryURL) names this issuer; its JWKS publishes \(ownKeyIDs.map(Self.quoted).joined(separator: ", "))",
                diagnosis: nil
            )
        } catch let failure as Failure {
            return self.failed(failure)
        } catch {
            return self.failed(Failure(cause: .unknown, explanation: "\(type(of: error))", operation: "GET \(discoveryURL)", status: nil))
        }
    }

    /// The key ids this provider publishes now (current, next, retired within grace).
    private func ownKeyIDs() -> [String] {
        let body = self.provider.jwksResponse().body
        return ((try? JWKSet(json: String(decoding: body, as: UTF8.self)))?.keys ?? []).compactMap(\.keyID)
    }

    private func fetchObject(_ url: String, what: String) async throws -> JSONObject {
        let operation = "GET \(url)"
        let response: HTTPClientResponse
        var body: ByteBuffer
        do {
            var request = HTTPClientRequest(url: url)
            request.headers.add(name: "Accept", value: "application/json")
            response = try await self.httpClient.execute(request, timeout: self.timeout)
            body = try await response.body.collect(upTo: Self.maximumBodySize)
        } catch {
            throw Failure(
                cause: .identityProviderUnavailable,
                explanation: "\(what) at \(url) did not answer (\(Self.reason(error))): Genesys cannot fetch it either",
                operation: operation,
                status: nil
            )
        }
        guard response.status.code == 200 else {
            throw Failure(
                cause: .identityProviderUnavailable,
                explanation: "\(what) at \(url) answered \(response.status.code), not 200",
                operation: operation,
                status: Int(response.status.code)
            )
        }
        guard let text = body.readString(length: body.readableBytes), let object = (try? JSONValue(parsing: text))?.objectValue else {
            throw Failure(
                cause: .identityProviderUnavailable,
                explanation: "\(what) at \(url) answered 200 but not a JSON object: another service answers at that URL",
                operation: operation,
                status: 200
            )
        }
        return object
    }

    private func failed(_ failure: Failure) -> DoctorCheck {
        var evidence = Diagnosis.Evidence()
        evidence.operation = failure.operation
        evidence.status = failure.status
        let diagnosis = Diagnosis(
            step: .oidcDiscovery,
            cause: failure.cause,
            explanation: failure.explanation,
            remedy: "Serve AuthBridge's OpenID routes at the configured issuer (`oidc.issuer`, an https URL reachable from the internet) and set the Genesys OpenID Connect Messenger Configuration's Discovery URI to \(self.provider.configuration.issuer)/.well-known/openid-configuration; run the doctor against the deployed server.",
            evidence: evidence
        )
        return DoctorCheck(name: Self.checkName, passed: false, detail: diagnosis.summary, diagnosis: diagnosis)
    }

    /// A peer's text, quoted and capped: it is printed to an operator's terminal.
    private static func quoted(_ text: String) -> String {
        let printable = text.unicodeScalars.prefix(80).map { $0.properties.generalCategory == .control ? "?" : String($0) }.joined()
        return "\"" + printable + (text.unicodeScalars.count > 80 ? "…" : "") + "\""
    }

    /// Why a fetch did not complete, in a few words (AsyncHTTPClient's and NIO's errors name no secret).
    private static func reason(_ error: any Error) -> String {
        let text = String(describing: error)
        return text.count > 120 ? String(text.prefix(120)) + "…" : text
    }
}
