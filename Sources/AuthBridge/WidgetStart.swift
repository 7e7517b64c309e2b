public import AuthBridgeJWT
public import AuthBridgeOIDC

/// Exactly what the chosen widget reads, and nothing more: never a platform access token.
public enum WidgetStart: Sendable, CustomStringConvertible {
    /// What Messenger's AuthProvider `getAuthCode` resolves with.
    case messenger(AuthorizationCodeGrant)

    /// The JSON body the page receives.
    public var json: JSONObject {
        switch self {
        case .messenger(let grant): grant.json
        }
    }

    /// The widget and the non-secret parts.
    public var description: String {
        switch self {
        case .messenger(let grant): "WidgetStart.messenger(\(grant))"
        }
    }
}
