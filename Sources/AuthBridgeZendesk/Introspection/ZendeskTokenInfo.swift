/// The body of `GET /api/v2/oauth/tokens/current.json`: `{"token": {...}}`. Ids are numbers in Zendesk's
/// answers; strings are accepted too.
struct ZendeskTokenInfo: Decodable {
    struct Token: Decodable {
        var id: FlexibleID?
        var userID: FlexibleID?
        var clientID: FlexibleID?
        var scopes: [String]
        var expiresAt: String?

        enum CodingKeys: String, CodingKey {
            case id
            case userID = "user_id"
            case clientID = "client_id"
            case scopes
            case expiresAt = "expires_at"
        }
    }

    var token: Token
}
