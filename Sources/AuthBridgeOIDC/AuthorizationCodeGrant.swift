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

    /// ``json`` as compact JSON bytes, written member by member (the code route's answer).
    package var jsonBytes: [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(64 + self.redirectUri.utf8.count + 2 * 43 + (self.nonce?.utf8.count ?? 0))
        out.append(contentsOf: #"{"authCode":"#.utf8)
        JSONWriter.writeString(self.authCode.revealed, into: &out)
        out.append(contentsOf: #","redirectUri":"#.utf8)
        JSONWriter.writeString(self.redirectUri, into: &out)
        if let nonce {
            out.append(contentsOf: #","nonce":"#.utf8)
            JSONWriter.writeString(nonce, into: &out)
        }
        if let codeVerifier {
            out.append(contentsOf: #","codeVerifier":"#.utf8)
            JSONWriter.writeString(codeVerifier.revealed, into: &out)
        }
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// `AuthorizationCodeGrant(authCode: <redacted>, …)`.
    public var description: String {
        "AuthorizationCodeGrant(authCode: <redacted>, redirectUri: \(self.redirectUri), codeVerifier: \(self.codeVerifier == nil ? "nil" : "<redacted>"))"
    }
}
