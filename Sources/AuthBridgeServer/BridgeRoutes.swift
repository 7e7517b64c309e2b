public import AuthBridge
import AuthBridgeJWT
import Foundation
public import Hummingbird
import Logging
import NIOCore

/// The page-facing routes: start a widget for a Zendesk session, and end the session's Messenger
/// sign-ins.
///
/// `POST {prefix}/session` takes
/// ```json
/// {"credential": "<Zendesk JWT or OAuth token>", "credentialKind": "messagingJWT",
///  "widget": "messenger",
///  "messenger": {"clientId": "genesys-messenger", "redirectUri": "https://shop.example.com/chat",
///                "nonce": "…", "codeChallenge": "<S256 challenge, optional>", "scope": "openid email profile offline_access"}}
/// ```
/// and answers exactly what the widget reads (for Messenger, the `getAuthCode` payload; for Web Chat
/// `{jwt}`; for guest chat `{conversationId, memberId, jwt, eventStreamUri}`). An optional `history`
/// (`{"zendeskChatId": "…"}` or `{"sunshineConversationId": "…", "sunshineUserId": "…"}`) names the
/// earlier Zendesk conversation to carry into Genesys. `credentialKind`
/// is one of `messagingJWT`, `chatVisitorJWT`, `ssoJWT`, `oauthToken`; `widget` one of `messenger`,
/// `webChat`, `guestChat`. `POST {prefix}/session/end` takes `credential` and `credentialKind` and answers
/// `204`. Failures answer the bridge's generic body (`error`, `correlationId`) with its status; the cause
/// goes only to the log.
public struct BridgeRoutes: Sendable {
    /// The bridge the routes call.
    public let bridge: SessionBridge
    /// The path prefix; default `/authbridge/v1`.
    public var prefix: String
    /// The largest request body read; larger ones get 413. Default 16 KiB (a JWT is at most 8 KiB).
    public var maximumBodySize: Int

    /// Creates the routes.
    /// - Parameters:
    ///   - bridge: The bridge.
    ///   - prefix: The path prefix; default `/authbridge/v1`.
    ///   - maximumBodySize: Default 16 KiB.
    public init(bridge: SessionBridge, prefix: String = "/authbridge/v1", maximumBodySize: Int = 16 << 10) {
        self.bridge = bridge
        self.prefix = prefix
        self.maximumBodySize = maximumBodySize
    }

    /// Adds the routes to `router`.
    /// - Parameter router: The router (or a group of it).
    public func register<Context: RequestContext>(on router: some RouterMethods<Context>) {
        let bridge = self.bridge
        let limit = self.maximumBodySize
        router.post(RouterPath(self.prefix + "/session")) { request, _ in
            var request = request
            let body = try await ClientRequestBody.collect(&request, upTo: limit, logger: bridge.logger)
            let widgetRequest: WidgetRequest
            do throws(BridgeRequestBody.Invalid) {
                widgetRequest = try BridgeRequestBody.widgetRequest(body)
            } catch {
                return Self.invalid(error, logger: bridge.logger)
            }
            do throws(BridgeError) {
                let start = try await bridge.start(widgetRequest)
                return Self.json(bytes: start.jsonBytes, status: .ok)
            } catch {
                return Self.failure(error)
            }
        }
        router.post(RouterPath(self.prefix + "/session/end")) { request, _ in
            var request = request
            let body = try await ClientRequestBody.collect(&request, upTo: limit, logger: bridge.logger)
            let credential: (Secret, CredentialKind)
            do throws(BridgeRequestBody.Invalid) {
                credential = try BridgeRequestBody.credential(body)
            } catch {
                return Self.invalid(error, logger: bridge.logger)
            }
            do throws(BridgeError) {
                try await bridge.endSession(credential: credential.0, kind: credential.1)
                return Response(status: .noContent, headers: [.cacheControl: "no-store"])
            } catch {
                return Self.failure(error)
            }
        }
    }

    /// A malformed page request: which member is wrong (our own text, never a value) and a correlation id,
    /// like every other failure.
    static func invalid(_ error: BridgeRequestBody.Invalid, logger: Logger) -> Response {
        let id = UUID().uuidString.lowercased()
        logger.notice("widget request malformed", metadata: ["authbridge.correlation_id": "\(id)", "authbridge.reason": "\(error.description)"])
        return Self.json(.object(["error": .string(error.description), "correlationId": .string(id)]), status: .badRequest)
    }

    static func failure(_ error: BridgeError) -> Response {
        var object = JSONObject()
        for (name, value) in error.publicBody.sorted(by: { $0.key < $1.key }) { object[name] = .string(value) }
        return Self.json(.object(object), status: HTTPResponse.Status(code: error.status))
    }

    /// `value` as a JSON answer (see ``json(bytes:status:)``).
    static func json(_ value: JSONValue, status: HTTPResponse.Status) -> Response {
        Self.json(bytes: value.serializedBytes, status: status)
    }

    /// JSON with `Cache-Control: no-store`: every answer here is specific to one customer.
    static func json(bytes: [UInt8], status: HTTPResponse.Status) -> Response {
        Response(
            status: status,
            headers: [
                .contentType: "application/json; charset=utf-8",
                .cacheControl: "no-store",
                .contentLength: String(bytes.count),
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
        )
    }
}
