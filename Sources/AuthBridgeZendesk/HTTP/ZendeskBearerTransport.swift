import AuthBridgeCore
import Logging
import NIOHTTP1

/// GETs with a broker's service token: on 401 exactly that token is dropped (if another reader already
/// replaced it, the broker keeps the fresh one) and the call is tried once more with a new one.
struct ZendeskBearerTransport<Key: Hashable & Sendable & CustomStringConvertible, C: Clock>: Sendable where C.Duration == Duration {
    let tokens: TokenBroker<Key, C>.Handle
    let http: ZendeskTransport

    func get(_ url: String, operation: String, logger: Logger) async throws -> ZendeskResponse {
        var (response, used) = try await self.send(url, operation: operation, logger: logger)
        if response.status == 401 {
            logger.notice("Zendesk refused the service token; fetching a new one", metadata: ["authbridge.operation": "\(operation)"])
            self.tokens.invalidate(used)
            (response, used) = try await self.send(url, operation: operation, logger: logger)
        }
        return response
    }

    private func send(_ url: String, operation: String, logger: Logger) async throws -> (ZendeskResponse, AccessToken) {
        let token = try await self.tokens.token()
        var headers = HTTPHeaders()
        headers.add(name: "Authorization", value: "Bearer \(token.value.revealed)")
        return (try await self.http.send(ZendeskRequest(.GET, url, operation: operation, headers: headers), logger: logger), token)
    }
}
