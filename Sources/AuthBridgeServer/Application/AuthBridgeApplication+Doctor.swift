import AuthBridge

extension AuthBridgeApplication {
    /// Checks the configuration against the real (or emulated) endpoints, step by step: the Genesys region
    /// and its hosts, the Genesys token, the External Source contacts reference, the signed-data permission
    /// (only with `genesys.legacyWebChat`), the Zendesk history client, the OpenID provider's keys, and its
    /// discovery document and JWKS fetched from the issuer URL as Genesys fetches them (so run it against
    /// the deployed server), the Messenger deployment and its identity resolution
    /// (`genesys.messenger.deploymentId`), and the messaging-context data action called with its credential. Every failing step comes with a `Diagnosis`.
    /// - Returns: One ``DoctorCheck`` per step, in order.
    public func doctor() async -> [DoctorCheck] {
        var checks: [DoctorCheck] = []
        let region = self.configuration.genesys?.region
        if let region {
            let name = region.name.map { "\($0) (one of the \(GenesysRegion.all.count) regions of Genesys's SDK)" } ?? "a custom region"
            checks.append(
                DoctorCheck(
                    name: "Genesys region",
                    passed: true,
                    detail:
                        "\(name): login \(region.loginBaseURL), API \(region.apiBaseURL), API CDN \(region.apiCDNBaseURL), web messaging \(region.webMessagingBaseURL)",
                    diagnosis: nil
                )
            )
        }
        if self.genesysToken != nil {
            do {
                try await self.warmUp()
                checks.append(
                    DoctorCheck(
                        name: "Genesys client-credentials token", passed: true,
                        detail: "a token was issued for the configured client in \(region.map { "\($0)" } ?? "the region")", diagnosis: nil))
            } catch {
                checks.append(Self.failed("Genesys client-credentials token", error, at: .genesysToken, region: region))
            }
        }
        if let genesys = self.genesys {
            let name = "Genesys External Source for contacts"
            let source = genesys.configuration.externalSourceName
            do {
                // Looked up only: a check does not create anything in the organization.
                let found = try await genesys.existingExternalSourceID()
                let state = found.map { "(id \(DiagnosisText.printable($0, limit: 64)))" } ?? "(not there yet: created on first use)"
                checks.append(
                    DoctorCheck(
                        name: name,
                        passed: true,
                        detail:
                            "ExternalIds reference the External Source \"\(source)\" \(state); use the same source in the Messenger deployment's identity resolution",
                        diagnosis: nil
                    )
                )
            } catch {
                checks.append(Self.failed(name, error, at: .contextTransfer, region: region))
            }
        }
        if let genesys = self.genesys, self.configuration.genesys?.legacyWebChat == true {
            do {
                _ = try await genesys.memberToken(for: VerifiedSession(subject: "authbridge-doctor", credentialKind: .ssoJWT))
                checks.append(
                    DoctorCheck(
                        name: "Genesys signed data (Web Chat member tokens)", passed: true,
                        detail: "POST /api/v2/signeddata answered with a member token", diagnosis: nil))
            } catch {
                checks.append(Self.failed("Genesys signed data (Web Chat member tokens)", error, at: .signedData, region: region))
            }
        }
        checks += await self.messagingChecks(region: region)
        for check in self.zendeskTokenChecks {
            do {
                try await check.fetch()
                checks.append(DoctorCheck(name: check.name, passed: true, detail: "the client-credentials grant succeeded", diagnosis: nil))
            } catch {
                checks.append(Self.failed(check.name, error, at: .zendeskHistoryRead, region: nil))
            }
        }
        if let provider = self.provider {
            let jwks = (try? JWKSet(json: String(decoding: provider.jwksResponse().body, as: UTF8.self)))?.keys.count ?? 0
            let issuer = provider.configuration.issuer
            let secure = OpenIDDiscoveryProbe.isFetchable(issuer)
            let name = "OpenID provider for Messenger"
            let detail = "issuer \(issuer), \(jwks) keys published, discovery at \(issuer)/.well-known/openid-configuration"
            if jwks >= 2 && secure {
                checks.append(DoctorCheck(name: name, passed: true, detail: detail, diagnosis: nil))
            } else {
                let diagnosis = Diagnosis(
                    step: .configuration,
                    cause: .invalidConfiguration,
                    explanation: secure
                        ? "the provider publishes \(jwks) key(s); a current and a next key are needed so that a rotation never breaks sign-in"
                        : "the issuer \(issuer) is not https: Genesys fetches discovery and keys over https only",
                    remedy: "Set `oidc.issuer` to AuthBridge's public https URL, and configure both `oidc.signingKey` and `oidc.nextSigningKey`.",
                    evidence: Diagnosis.Evidence()
                )
                checks.append(DoctorCheck(name: name, passed: false, detail: diagnosis.summary, diagnosis: diagnosis))
            }
            checks.append(await OpenIDDiscoveryProbe(provider: provider, httpClient: self.httpClient).check())
        }
        return checks
    }

    static func failed(_ name: String, _ error: any Error, at step: Diagnosis.Step, region: GenesysRegion?) -> DoctorCheck {
        let diagnosis = Diagnosis.diagnose(error, at: step, context: DiagnosisContext(region: region))
        return DoctorCheck(name: name, passed: false, detail: diagnosis.summary, diagnosis: diagnosis)
    }
}
