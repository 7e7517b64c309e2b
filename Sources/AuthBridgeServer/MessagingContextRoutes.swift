public import AuthBridge
import AuthBridgeJWT
import Foundation
public import Hummingbird
import Logging

/// The route Genesys's "Web Services Data Actions" integration calls when a web messaging conversation
/// starts: `POST {prefix}/genesys/messaging-context`.
///
/// It takes the flat JSON the shipped data action sends (`conversationId`, `sub`, `isAuthenticated`; a
/// caller may add `participantId`, which must then be the conversation's customer), authenticated by the
/// integration's Basic Auth credential (compared in constant time; never the OpenID client's secret), and
/// answers the flat `MessagingContextOutcome` JSON with 200, whatever the outcome (`written`,
/// `alreadyWritten`, `inProgress`, `notAuthenticated`, `unknownSubject`, `mismatch`, `unknownConversation`), so the flow routes
/// on `status`. A wrong or missing credential is 401 with `WWW-Authenticate: Basic`; a malformed body 400;
/// a Genesys or store failure 503 with the bridge's `{error, correlationId}` (the diagnosis is in the log).
/// See `SessionBridge.carryMessagingContext(_:)`.
public struct MessagingContextRoutes: Sendable {
    /// The bridge the route calls.
    public let bridge: SessionBridge
    /// The path prefix; default `/authbridge/v1`.
    public var prefix: String
    private let userName: String
    private let secret: Secret

    /// The route's path under the default prefix; the front's per-address rate limit exempts it.
    public static let defaultPath = "/authbridge/v1/genesys/messaging-context"

    /// The largest body read: the input is five short strings.
    static let maximumBodySize = 4 << 10

    /// Creates the route.
    /// - Parameters:
    ///   - bridge: The bridge.
    ///   - userName: The integration credential's user name.
    ///   - secret: Its secret.
    ///   - prefix: Default `/authbridge/v1`.
    public init(bridge: SessionBridge, userName: String, secret: Secret, prefix: String = "/authbridge/v1") {
        self.bridge = bridge
        self.userName = userName
        self.secret = secret
        self.prefix = prefix
    }

    /// Adds the route to `router`.
    /// - Parameter router: The router (or a group of it).
    public func register<Context: RequestContext>(on router: some RouterMethods<Context>) {
        let route = self
        router.post(RouterPath(self.prefix + "/genesys/messaging-context")) { request, context in
            guard route.authenticates(request.headers[.authorization]) else {
                let id = UUID().uuidString.lowercased()
                route.bridge.logger.notice(
                    "messaging-context call refused: wrong or missing data action credential",
                    metadata: [
                        "authbridge.correlation_id": "\(id)",
                        "authbridge.diagnosis":
                            "the caller did not present genesys.dataAction.userName and secret as Basic Auth; check the integration's credential in Genesys (Integrations > Web Services Data Actions > Credentials)",
                    ]
                )
                var response = BridgeRoutes.json(.object(["error": "unauthorized", "correlationId": .string(id)]), status: .unauthorized)
                response.headers[.wwwAuthenticate] = #"Basic realm="authbridge-data-actions", charset="UTF-8""#
                return response
            }
            var request = request
            let body = try await ClientRequestBody.collect(&request, upTo: Self.maximumBodySize, logger: context.logger)
            let input: MessagingContextRequest
            do throws(MessagingContextBody.Invalid) {
                input = try MessagingContextBody.request(body)
            } catch {
                let id = UUID().uuidString.lowercased()
                route.bridge.logger.notice(
                    "messaging-context input malformed",
                    metadata: ["authbridge.correlation_id": "\(id)", "authbridge.reason": "\(error.description)"]
                )
                return BridgeRoutes.json(.object(["error": .string(error.description), "correlationId": .string(id)]), status: .badRequest)
            }
            do throws(BridgeError) {
                let outcome = try await route.bridge.carryMessagingContext(input)
                return BridgeRoutes.json(.object(outcome.json), status: .ok)
            } catch {
                return BridgeRoutes.failure(error)
            }
        }
    }

    /// Whether `header` is `Basic base64(userName:secret)` with this route's credential; both parts are
    /// compared in constant time, and both always, so the answer's timing says nothing about either.
    func authenticates(_ header: String?) -> Bool {
        guard let header, header.utf8.count <= 1_024 else { return false }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "basic" else { return false }
        guard let decoded = Data(base64Encoded: String(parts[1]).trimmingCharacters(in: .whitespaces)),
            let colon = decoded.firstIndex(of: UInt8(ascii: ":"))
        else { return false }
        let user = Secret(String(decoding: decoded[decoded.startIndex..<colon], as: UTF8.self))
        let secret = Secret(String(decoding: decoded[(colon + 1)...], as: UTF8.self))
        let userMatches = user == Secret(self.userName)
        let secretMatches = secret == self.secret
        return userMatches && secretMatches
    }
}
