/// Whether a guest chat is created with a member token, for deployments that require authentication.
public struct GenesysGuestAuthentication: Sendable, Hashable {
    enum Base: Sendable, Hashable {
        case anonymous
        case signMember
        case token(GenesysMemberToken)
    }

    let base: Base

    private init(_ base: Base) {
        self.base = base
    }

    /// No `memberAuthToken`; works only if the deployment allows anonymous chats.
    public static let anonymous = GenesysGuestAuthentication(.anonymous)

    /// Sign a member token for the session first (`POST /api/v2/signeddata`, with the service token)
    /// and send it as `memberAuthToken`.
    public static let signedMemberToken = GenesysGuestAuthentication(.signMember)

    /// Send a member token you already have.
    /// - Parameter token: The token from ``GenesysCloudClient/memberToken(for:additionalClaims:)``.
    /// - Returns: The option.
    public static func memberToken(_ token: GenesysMemberToken) -> GenesysGuestAuthentication {
        GenesysGuestAuthentication(.token(token))
    }
}
