public import AuthBridgeCore
public import AuthBridgeJWT

/// What the Messenger AuthProvider plugin's `getAuthCode` must resolve with.
///
/// `description` redacts the code and the verifier.
public struct AuthorizationCodeGrant: Sendable, CustomStringConvertible {
    /// The one-time authorization code.
    public let authCode: Secret
    /// The redirect URI, unchanged.
    public let redirectUri: String
    /// The nonce, when the page sent one.
    public let nonce: String?
    /// The PKCE verifier, when the server holds the PKCE pair for the page.
    public let codeVerifier: Secret?

    /// The JSON object the page resolves `getAuthCode` with: `{authCode, redirectUri, nonce?, codeVerifier?}`.
    /// It carries the code: send it only to the page that asked.
    public var json: JSONObject {
        var object: JSONObject = ["authCode": .string(self.authCode.revealed), "redirectUri": .string(self.redirectUri)]
        if let nonce { object["nonce"] = .string(nonce) }
        if let codeVerifier { object["codeVerifier"] = .string(codeVerifier.revealed) }
        return object
    }

    /// `AuthorizationCodeGrant(authCode: <redacted>, …)`.
    public var description: String {
        "AuthorizationCodeGrant(authCode: <redacted>, redirectUri: \(self.redirectUri), codeVerifier: \(self.codeVerifier == nil ? "nil" : "<redacted>"))"
    }
}
