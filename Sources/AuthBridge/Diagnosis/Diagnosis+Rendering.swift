internal import AuthBridgeJWT

extension Diagnosis {
    /// The diagnosis as multi-line text for operators: summary, cause, remedy, then every piece of
    /// evidence that is present, one per line.
    public var rendered: String {
        var lines = [
            "Why did \(self.step) fail?",
            "  Cause:    \(self.cause): \(self.explanation)",
            "  Remedy:   \(self.remedy)",
            "  Evidence:",
        ]
        let facts = self.evidenceFacts
        if facts.isEmpty {
            lines.append("    (none)")
        } else {
            let width = facts.map(\.label.count).max() ?? 0
            for fact in facts {
                lines.append("    " + fact.label + String(repeating: " ", count: width - fact.label.count) + "  " + fact.text)
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The diagnosis as one compact JSON object, for `--json` output: `step`, `cause` (stable names),
    /// `causeDescription`, `explanation`, `remedy`, `summary` and `evidence` (only members that are
    /// present; times as seconds since 1970).
    public var json: String {
        var evidence = JSONObject()
        let e = self.evidence
        func put(_ name: String, _ value: String?) { if let value { evidence[name] = .string(value) } }
        func put(_ name: String, _ value: Double?) { if let value { evidence[name] = .number(value) } }
        put("error", e.error)
        put("operation", e.operation)
        put("status", e.status.map(Double.init))
        put("peerCode", e.peerCode)
        put("peerMessage", e.peerMessage)
        put("correlationId", e.correlationID)
        put("contextId", e.contextID)
        put("requestId", e.requestID)
        put("field", e.field)
        put("retryAfterSeconds", e.retryAfterSeconds.map(Double.init))
        put("peerDate", e.peerDate)
        put("clockOffsetSeconds", e.clockOffsetSeconds)
        put("leewaySeconds", e.leewaySeconds)
        put("tokenShape", e.tokenShape)
        put("alg", e.tokenAlgorithm)
        put("kid", e.tokenKeyID)
        put("typ", e.tokenType)
        put("iat", e.issuedAt)
        put("exp", e.expiresAt)
        put("nbf", e.notBefore)
        put("secondsPastExpiry", e.secondsPastExpiry)
        if !e.knownKeyIDs.isEmpty { evidence["knownKeyIds"] = .array(e.knownKeyIDs.map(JSONValue.string)) }
        let object: JSONObject = [
            "step": .string(self.step.name),
            "cause": .string(self.cause.name),
            "causeDescription": .string(self.cause.description),
            "explanation": .string(self.explanation),
            "remedy": .string(self.remedy),
            "summary": .string(self.summary),
            "evidence": .object(evidence),
        ]
        return JSONValue.object(object).serialized
    }

    /// The evidence as labelled lines, in a stable order.
    private var evidenceFacts: [(label: String, text: String)] {
        let e = self.evidence
        var facts: [(label: String, text: String)] = []
        func add(_ label: String, _ text: String?) { if let text { facts.append((label, text)) } }
        add("error", e.error)
        add("operation", e.operation)
        add("status", e.status.map { "\($0)" })
        add("peer code", e.peerCode)
        add("peer message", e.peerMessage)
        add("correlation id", e.correlationID)
        if e.contextID != e.correlationID { add("context id", e.contextID) }
        add("request id", e.requestID)
        add("field", e.field)
        add("retry after", e.retryAfterSeconds.map { "\($0) s" })
        add("peer Date", e.peerDate)
        add("clock offset", e.clockOffsetSeconds.map { ($0 >= 0 ? "+" : "-") + DiagnosisText.seconds($0) + " (peer minus ours)" })
        add("token", e.tokenShape)
        add("alg", e.tokenAlgorithm)
        add("kid", e.tokenKeyID)
        add("typ", e.tokenType)
        add("iat", e.issuedAt.map(DiagnosisText.time))
        add("nbf", e.notBefore.map(DiagnosisText.time))
        add("exp", e.expiresAt.map(DiagnosisText.time))
        add("expired", e.secondsPastExpiry.map { DiagnosisText.seconds($0) + " ago" })
        add("known kids", e.knownKeyIDs.isEmpty ? nil : "[" + e.knownKeyIDs.joined(separator: ", ") + "]")
        add("leeway", e.leewaySeconds.map(DiagnosisText.seconds))
        return facts
    }
}
