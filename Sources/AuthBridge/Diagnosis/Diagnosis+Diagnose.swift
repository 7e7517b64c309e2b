public import AuthBridgeCore
internal import AuthBridgeJWT

extension Diagnosis {
    /// Turns any failure of the bridge into a diagnosis.
    ///
    /// It unwraps the token broker's `AuthBridgeError`, reads the adapter's evidence (status, peer code,
    /// correlation id, `Retry-After`, the peer's `Date`), decodes the token's header and time claims
    /// WITHOUT verifying them, and picks the most likely cause. It never throws, and the result never
    /// contains the token or any other secret.
    ///
    /// - Parameters:
    ///   - error: What the step threw, or a ``PeerResponse`` for an answer received by hand.
    ///   - step: Where it happened.
    ///   - token: The token involved, if any; only its shape, header (`alg`, `kid`, `typ`) and times
    ///     (`iat`, `exp`, `nbf`) are read.
    ///   - context: What the caller knows about its configuration (region, leeway, key ids, scopes).
    /// - Returns: The diagnosis.
    public static func diagnose(
        _ error: any Error,
        at step: Step,
        token: Secret? = nil,
        context: DiagnosisContext = DiagnosisContext()
    ) -> Diagnosis {
        var analysis = DiagnosisAnalysis(
            facts: FailureFacts(error),
            step: step,
            token: token.map(TokenInspection.init),
            context: context
        )
        let (cause, explanation, remedy) = analysis.conclude()
        var secrets = [token, context.signingSecret].compactMap { $0 }.filter { $0.byteCount >= 8 }
        secrets.sort { $0.byteCount > $1.byteCount }
        return Diagnosis(
            step: step,
            cause: cause,
            explanation: DiagnosisText.scrub(explanation, removing: secrets),
            remedy: DiagnosisText.scrub(remedy, removing: secrets),
            evidence: analysis.evidence.scrubbed(removing: secrets)
        )
    }
}
