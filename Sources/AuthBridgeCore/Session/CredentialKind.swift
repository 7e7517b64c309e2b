/// Which kind of Zendesk credential a session was verified from.
///
/// A struct over a private enum, so later issues can add kinds without breaking exhaustive switches.
public struct CredentialKind: Hashable, Sendable, CustomStringConvertible {
    private enum Base: String, Hashable, Sendable {
        case messagingJWT
        case chatVisitorJWT
        case ssoJWT
        case oauthToken
    }

    private let base: Base

    private init(_ base: Base) {
        self.base = base
    }

    /// A Zendesk Messaging (Web Widget) authentication JWT.
    public static let messagingJWT = CredentialKind(.messagingJWT)
    /// A Zendesk Chat visitor authentication JWT.
    public static let chatVisitorJWT = CredentialKind(.chatVisitorJWT)
    /// A Zendesk single sign-on JWT.
    public static let ssoJWT = CredentialKind(.ssoJWT)
    /// A Zendesk OAuth access token, checked by introspection.
    public static let oauthToken = CredentialKind(.oauthToken)

    /// The kind's name, for example `messagingJWT`; bounded, safe as a metric label.
    public var description: String { self.base.rawValue }
}
