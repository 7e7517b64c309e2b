public import AuthBridgeOIDC

/// Which Genesys widget the page starts, and what that widget needs from the page.
public enum Widget: Sendable, Hashable {
    /// Genesys Messenger (Web Messaging), signed in through AuthBridge's OpenID provider: the page's
    /// AuthProvider plugin asks for a fresh code with this request (client, exact redirect URI, nonce and,
    /// when the page keeps the verifier, its S256 challenge).
    case messenger(AuthorizationCodeRequest)
    /// Web Chat 1.x with authentication: the page gets a member token for the widget's `Client-Token`.
    case webChat
    /// The guest chat API: AuthBridge creates the conversation server-side and the page gets what it needs
    /// to join it.
    case guestChat
}
