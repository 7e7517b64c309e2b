public import AuthBridgeCore

/// A member token Genesys signed for one verified customer (`POST /api/v2/signeddata`).
///
/// Made for the browser: Web Chat 1.x takes it as the widget's client token (`Client-Token`), and the
/// guest chat API as `memberAuthToken`. It is not a platform access token and grants no API access.
/// It still identifies the customer, so it prints as `<redacted>`; read ``jwt`` where you hand it out.
public struct GenesysMemberToken: Sendable, Hashable, CustomStringConvertible {
    /// The signed JWT.
    public let jwt: Secret

    /// Wraps a member token.
    /// - Parameter jwt: The JWT from `/api/v2/signeddata`.
    public init(jwt: Secret) {
        self.jwt = jwt
    }

    /// Always `GenesysMemberToken(<redacted>)`.
    public var description: String { "GenesysMemberToken(<redacted>)" }

    /// Hashes the token's length only; equality still compares the whole token in constant time.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(self.jwt.byteCount)
    }

    /// Compares the tokens in constant time.
    public static func == (lhs: GenesysMemberToken, rhs: GenesysMemberToken) -> Bool {
        lhs.jwt == rhs.jwt
    }
}
