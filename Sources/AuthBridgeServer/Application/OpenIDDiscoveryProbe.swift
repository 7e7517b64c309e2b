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
    /// The JWK members that make a public key; `use`, `alg` and the like may differ between versions.
    static let keyMaterialMembers = ["kty", "crv", "x", "y", "n", "e"]

    let provider: OpenIDProvider
    let httpClient: HTTPClient
    /// For each fetch, headers and body together: a peer that stalls mid-body must not hang the doctor.
    var timeout: Duration = .seconds(5)

    /// A failed look, already in the words the check reports (peer text escaped and capped).
    private struct Failure: Error {
        let cause: Diagnosis.Cause
        let explanation: String
        let operation: String
        let status: Int?
    }

    /// Fetches discovery and the JWKS it names, and compares them with this provider.
    /// - Returns: A passed check, or a failed one with a ``Diagnosis`` at step `oidcDiscovery`.
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
                    explanation:
                        "discovery at \(discoveryURL) names the issuer \"\(Self.printable(named))\", not \(issuer): ID tokens carry \(issuer), so Genesys rejects them",
                    operation: "GET \(discoveryURL)",
                    status: 200
                )
            }
            // Genesys fetches keys over https only; the loopback exception is for emulated runs.
            guard Self.isFetchable(jwksURI) else {
                throw Failure(
                    cause: .invalidConfiguration,
                    explanation: "discovery names the JWKS at \"\(Self.printable(jwksURI))\", which is not an https URL",
                    operation: "GET \(discoveryURL)",
                    status: 200
                )
            }
            let published = try await self.fetchObject(jwksURI, what: "the JWKS")
            let shownJWKS = Self.printable(jwksURI, limit: 200)
            let missing = self.keysMissing(from: published)
            guard missing.isEmpty else {
                throw Failure(
                    cause: .invalidConfiguration,
                    explanation:
                        "the JWKS at \(shownJWKS) does not publish this configuration's keys \(missing.map { "\"\(Self.printable($0))\"" }.joined(separator: ", ")) (absent, or another key under the same id): the issuer URL reaches another deployment or an older configuration",
                    operation: "GET \(shownJWKS)",
                    status: 200
                )
            }
            return DoctorCheck(
                name: Self.checkName,
                passed: true,
                detail: "\(discoveryURL) names this issuer; its JWKS publishes this configuration's keys",
                diagnosis: nil
            )
        } catch let failure as Failure {
            return self.failed(failure)
        } catch {
            return self.failed(Failure(cause: .unknown, explanation: "\(type(of: error))", operation: "GET \(discoveryURL)", status: nil))
        }
    }

    /// The key ids of this provider's published keys (current, next, retired within grace) that the
    /// fetched set lacks or publishes with other key material.
    private func keysMissing(from published: JSONObject) -> [String] {
        let body = self.provider.jwksResponse().body
        let own = (try? JSONValue(parsing: String(decoding: body, as: UTF8.self)))?.objectValue?["keys"]?.arrayValue ?? []
        let fetched = (published["keys"]?.arrayValue ?? []).compactMap(\.objectValue)
        return own.compactMap(\.objectValue).compactMap { key in
            guard let keyID = key["kid"]?.stringValue else { return nil }
            let same = fetched.contains { candidate in
                candidate["kid"]?.stringValue == keyID && Self.keyMaterialMembers.allSatisfy { candidate[$0] == key[$0] }
            }
            return same ? nil : keyID
        }
    }

    private func fetchObject(_ url: String, what: String) async throws -> JSONObject {
        // `url` may be the peer's `jwks_uri`: escaped once for every message below.
        let shown = Self.printable(url, limit: 200)
        let operation = "GET \(shown)"
        let response: (status: UInt, body: ByteBuffer)
        do {
            response = try await self.fetch(url)
        } catch {
            throw Failure(
                cause: .identityProviderUnavailable,
                explanation:
                    "\(what) at \(shown) did not answer (\(Self.printable(String(describing: error), limit: 120))): Genesys cannot fetch it either",
                operation: operation,
                status: nil
            )
        }
        guard response.status == 200 else {
            throw Failure(
                cause: .identityProviderUnavailable,
                explanation: "\(what) at \(shown) answered \(response.status), not 200",
                operation: operation,
                status: Int(response.status)
            )
        }
        guard let object = (try? JSONValue(parsing: String(buffer: response.body)))?.objectValue else {
            throw Failure(
                cause: .identityProviderUnavailable,
                explanation: "\(what) at \(shown) answered 200 but not a JSON object: another service answers at that URL",
                operation: operation,
                status: 200
            )
        }
        return object
    }

    /// One GET, headers and body within ``timeout``.
    private func fetch(_ url: String) async throws -> (status: UInt, body: ByteBuffer) {
        let client = self.httpClient
        let timeout = self.timeout
        return try await withThrowingTaskGroup(of: (status: UInt, body: ByteBuffer)?.self) { group in
            group.addTask {
                var request = HTTPClientRequest(url: url)
                request.headers.add(name: "Accept", value: "application/json")
                let response = try await client.execute(request, timeout: .nanoseconds(Int64(timeout.components.seconds) * 1_000_000_000))
                return (response.status.code, try await response.body.collect(upTo: Self.maximumBodySize))
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let answer = first else { throw CancellationError() }
            return answer
        }
    }

    private func failed(_ failure: Failure) -> DoctorCheck {
        var evidence = Diagnosis.Evidence()
        evidence.operation = failure.operation  // peer text in it is escaped where it was read
        evidence.status = failure.status
        let diagnosis = Diagnosis(
            step: .oidcDiscovery,
            cause: failure.cause,
            explanation: failure.explanation,
            remedy:
                "Serve AuthBridge's OpenID routes at the configured issuer (`oidc.issuer`, an https URL reachable from the internet) and set the Genesys OpenID Connect Messenger Configuration's Discovery URI to \(self.provider.configuration.issuer)/.well-known/openid-configuration; run the doctor against the deployed server.",
            evidence: evidence
        )
        return DoctorCheck(name: Self.checkName, passed: false, detail: diagnosis.summary, diagnosis: diagnosis)
    }

    /// https anywhere, http on loopback only: the rule the configuration applies to the issuer.
    static func isFetchable(_ url: String) -> Bool {
        ConfigurationReading.urlProblem(url) == nil
    }

    /// Peer text for a terminal: printable ASCII, escaped, capped.
    private static func printable(_ text: String, limit: Int = 120) -> String {
        DiagnosisText.printable(text, limit: limit)
    }
}
