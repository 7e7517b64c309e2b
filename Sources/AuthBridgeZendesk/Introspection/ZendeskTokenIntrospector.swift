import AsyncHTTPClient
import AuthBridgeCore
import AuthBridgeJWT
import Logging
import NIOHTTP1

/// Introspects one customer token per broker key with `GET /api/v2/oauth/tokens/current.json`.
///
/// The result is an `AccessToken` that stands for the introspection, not a credential: its value is the
/// token's Zendesk id, its scopes the token's scopes, its lifetime the earlier of the token's expiry and
/// the positive-cache TTL, and its metadata the user, client and token ids.
struct ZendeskTokenIntrospector: TokenProvider {
    typealias Key = ZendeskIntrospectionKey

    let http: ZendeskTransport
    let baseURL: ZendeskBaseURL
    let positiveCacheDuration: Duration
    let wallClock: JWTClock
    let logger: Logger

    func fetchToken(for key: ZendeskIntrospectionKey) async throws -> AccessToken {
        var headers = HTTPHeaders()
        headers.add(name: "Authorization", value: "Bearer \(key.token.revealed)")
        let request = ZendeskRequest(
            .GET,
            self.baseURL.appending("/api/v2/oauth/tokens/current.json"),
            operation: "token introspection",
            headers: headers
        )
        let response = try await self.http.send(request, logger: self.logger)
        if let error = response.error(operation: "token introspection") { throw error }
        let info = try response.decode(ZendeskTokenInfo.self, operation: "token introspection").token
        var lifetime = self.positiveCacheDuration
        if let expiresAt = info.expiresAt {
            guard let expiry = ZendeskTime.parse(expiresAt) else {
                throw ZendeskError(.malformedResponse, "expires_at is not an ISO 8601 time", status: response.status)
            }
            let remaining = expiry - self.wallClock.now
            guard remaining > 0 else {
                throw ZendeskError(.unauthorized, "Zendesk reports the token as already expired", status: response.status)
            }
            lifetime = min(lifetime, .milliseconds(Int64(remaining * 1000)))
        }
        var metadata: [String: String] = [:]
        metadata["user_id"] = info.userID?.text
        metadata["client_id"] = info.clientID?.text
        metadata["token_id"] = info.id?.text
        metadata["expires_at"] = info.expiresAt
        return AccessToken(
            value: Secret(info.id?.text ?? ""),
            type: "introspection",
            expiresIn: lifetime,
            scopes: info.scopes,
            metadata: metadata
        )
    }
}
