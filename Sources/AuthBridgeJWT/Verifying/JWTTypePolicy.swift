/// Which header `typ` values a verifier accepts (RFC 8725 §3.11 explicit typing).
///
/// Values compare case-insensitively with an optional `application/` prefix (RFC 7515 §4.1.9).
public struct JWTTypePolicy: Sendable, Hashable {
    enum Rule: Sendable, Hashable {
        case unchecked
        case oneOf(Set<String>, allowsAbsent: Bool)
    }

    let rule: Rule

    /// `typ` is not checked.
    public static let unchecked = JWTTypePolicy(rule: .unchecked)
    /// `typ` is `JWT` or absent: plain JWTs such as Zendesk's. The default.
    public static let jwt = JWTTypePolicy(rule: .oneOf(["jwt"], allowsAbsent: true))

    /// `typ` must be one of `types`; absent is accepted only when `allowsAbsent`.
    public static func oneOf(_ types: Set<String>, allowsAbsent: Bool = false) -> JWTTypePolicy {
        JWTTypePolicy(rule: .oneOf(Set(types.map(JOSEHeader.normalizedType)), allowsAbsent: allowsAbsent))
    }

    func check(_ header: JOSEHeader) throws(JWTError) {
        guard case .oneOf(let types, let allowsAbsent) = self.rule else { return }
        guard let type = header.type, let normalized = header.normalizedTypeValue else {
            if allowsAbsent { return }
            throw JWTError(.typeMismatch, "the header has no typ and one is required", member: "typ")
        }
        guard types.contains(normalized) else {
            throw JWTError(.typeMismatch, "typ \(JWTError.printable(type)) is not accepted here", member: "typ")
        }
    }
}
