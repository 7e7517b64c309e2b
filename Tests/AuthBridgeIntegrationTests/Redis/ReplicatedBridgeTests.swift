import AsyncHTTPClient
import AuthBridge
import AuthBridgeCore
import AuthBridgeTesting
import Foundation
import Hummingbird
import Logging
import Testing

@testable import AuthBridgeRedis
@testable import AuthBridgeTestSupport

extension LiveRedis {
    /// Three bridge replicas, one Redis, one emulated Genesys organization: what a site at peak runs.
    @Suite struct ReplicatedBridgeTests {
        static let ssoSecret = "sso-shared-secret-0123456789abcdef0123456789ab"
        static let chatSecret = "chat-visitor-shared-secret-0123456789abcdef012"
        static let sealingKey = Secret("replicas-share-this-sealing-key-0123456789")
        static let keys = Result { () throws -> [JWTKey] in
            [try JWTKey.generate(for: .es256, keyID: "r-1"), try JWTKey.generate(for: .es256, keyID: "r-2")]
        }

        struct Replica {
            let client: RedisClient
            let broker: TokenBroker<GenesysOAuthClient, CoarseMonotonicClock>
            let bridge: SessionBridge
            let provider: OpenIDProvider
        }

        static func replica(_ server: RedisServer, genesys: GenesysEmulator, httpClient: HTTPClient) throws -> Replica {
            let redis = server.client()
            let region = try GenesysRegion.custom(baseURL: genesys.baseURL)
            let credentials = GenesysCredentials(clientID: "emulator-client", clientSecret: Secret("emulator-secret"), region: region)
            let broker = TokenBroker(
                provider: GenesysTokenProvider(httpClient: httpClient, credentials: [credentials], logger: quietLogger),
                coordinator: RedisTokenCache<GenesysOAuthClient>(client: redis, logger: quietLogger),
                logger: quietLogger
            )
            let provider = OpenIDProvider(
                configuration: .init(issuer: "https://auth.example.com"),
                keyRing: try OpenIDKeyRing(current: Self.keys.get()[0], next: Self.keys.get()[1]),
                clients: [
                    OpenIDClient(id: "genesys", secret: Secret("client-secret-0123456789abcdef-0123"), redirectURIs: ["https://shop.example.com/cb"])
                ],
                codeStore: RedisOneTimeCodeStore(client: redis),
                refreshTokenStore: RedisRefreshTokenStore(client: redis),
                logger: quietLogger
            )
            let bridge = SessionBridge(
                validators: [
                    .ssoJWT: try ZendeskSSOJWTValidator(
                        configuration: .init(sharedSecret: Secret(Self.ssoSecret)), replayStore: RedisReplayStore(client: redis)),
                    .chatVisitorJWT: try ZendeskChatVisitorJWTValidator(configuration: .init(sharedSecret: Secret(Self.chatSecret))),
                ],
                messenger: provider,
                genesys: GenesysTarget(
                    client: GenesysCloudClient(httpClient: httpClient, serviceToken: broker.handle(for: credentials.client), logger: quietLogger),
                    guestChat: .init(
                        organizationID: "emulated-org", deploymentID: "emulated-deployment",
                        routingTarget: GenesysRoutingTarget(queueName: "Support"), requiresMemberAuthentication: false), legacyWebChat: true
                ),
                mappings: RedisSessionMappingStore(client: redis),
                options: .init(sealingKey: Self.sealingKey, messagingContextDeadline: .seconds(30)),  // generous: a loaded machine is slow
                subjectBindings: SubjectBindings(store: RedisSessionMappingStore(client: redis), sealingKey: Self.sealingKey),
                logger: quietLogger
            )
            return Replica(client: redis, broker: broker, bridge: bridge, provider: provider)
        }

        static func ssoJWT(jti: String = UUID().uuidString, subject: String = "customer-1") throws -> Secret {
            let now = Date().timeIntervalSince1970.rounded(.down)
            let key = try JWTKey.hmac(secret: Array(Self.ssoSecret.utf8))
            return Secret(
                try JWTSigner(key: key).sign([
                    "jti": .string(jti), "external_id": .string(subject), "name": "Ada", "email": "ada@example.com", "iat": .number(now),
                ]))
        }

        static func withReplicas(_ body: ([Replica], GenesysEmulator) async throws -> Void) async throws {
            let server = try await RedisServer.start()
            defer { server.stop() }
            let genesys = try await GenesysEmulator.start(.init(legacyWebChat: true))
            let httpClient = HTTPClient(eventLoopGroupProvider: .singleton)
            let replicas = try (0..<3).map { _ in try Self.replica(server, genesys: genesys, httpClient: httpClient) }
            do {
                try await body(replicas, genesys)
            } catch {
                Issue.record(error)
            }
            for replica in replicas {
                await replica.broker.shutdown()
                await replica.client.shutdown()
            }
            try? await httpClient.shutdown()
            await genesys.stop()
        }

        @Test func threeReplicasUnderLoadMakeOneGenesysTokenRequest() async throws {
            try await Self.withReplicas { replicas, genesys in
                let started = try await withThrowingTaskGroup(of: Bool.self) { group in
                    for index in 0..<60 {
                        let replica = replicas[index % 3]
                        group.addTask {
                            let start = try await replica.bridge.start(
                                WidgetRequest(credential: try Self.ssoJWT(), credentialKind: .ssoJWT, widget: .webChat))
                            return start.json["jwt"] != nil
                        }
                    }
                    return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
                }
                #expect(started == 60)
                #expect(genesys.tokensIssued == 1)
            }
        }

        @Test func aReplayedSSOJWTIsRefusedByAnotherReplica() async throws {
            try await Self.withReplicas { replicas, _ in
                let credential = try Self.ssoJWT()
                _ = try await replicas[0].bridge.start(WidgetRequest(credential: credential, credentialKind: .ssoJWT, widget: .webChat))
                do {
                    _ = try await replicas[1].bridge.start(WidgetRequest(credential: credential, credentialKind: .ssoJWT, widget: .webChat))
                    Issue.record("another replica accepted a replayed SSO JWT")
                } catch let error as BridgeError {
                    #expect(error.diagnosis.cause == .replayedToken)
                }
            }
        }

        @Test func aCodeIssuedByOneReplicaIsRedeemedAtAnotherOnce() async throws {
            try await Self.withReplicas { replicas, _ in
                let start = try await replicas[0].bridge.start(
                    WidgetRequest(
                        credential: try Self.ssoJWT(),
                        credentialKind: .ssoJWT,
                        widget: .messenger(AuthorizationCodeRequest(clientID: "genesys", redirectURI: "https://shop.example.com/cb", nonce: "n"))
                    )
                )
                let code = try #require(start.json["authCode"]?.stringValue)
                let verifier = try #require(start.json["codeVerifier"]?.stringValue)
                func redeem(at replica: Replica) async -> OIDCResponse {
                    let form = "grant_type=authorization_code&code=\(code)&redirect_uri=https%3A%2F%2Fshop.example.com%2Fcb&code_verifier=\(verifier)"
                    let basic = "Basic " + Data("genesys:client-secret-0123456789abcdef-0123".utf8).base64EncodedString()
                    return await replica.provider.tokenEndpoint(
                        TokenEndpointRequest(authorization: basic, contentType: "application/x-www-form-urlencoded", body: Array(form.utf8))
                    )
                }
                #expect(await redeem(at: replicas[1]).status == 200)
                let again = await redeem(at: replicas[2])
                #expect(again.status == 400)
                #expect(String(decoding: again.body, as: UTF8.self).contains("invalid_grant"))
            }
        }

        @Test func oneSessionMapsToOneGuestChatOnEveryReplica() async throws {
            try await Self.withReplicas { replicas, genesys in
                // A Chat visitor JWT may be presented again (a reload); SSO JWTs may not.
                let now = Date().timeIntervalSince1970.rounded(.down)
                let key = try JWTKey.hmac(secret: Array(Self.chatSecret.utf8))
                let credential = Secret(
                    try JWTSigner(key: key).sign(["external_id": "visitor-7", "name": "Ada", "iat": .number(now), "exp": .number(now + 600)]))
                let request = WidgetRequest(credential: credential, credentialKind: .chatVisitorJWT, widget: .guestChat)
                guard case .guestChat(let first) = try await replicas[0].bridge.start(request) else { Issue.record("not a guest chat"); return }
                guard case .guestChat(let reload) = try await replicas[1].bridge.start(request) else { Issue.record("not a guest chat"); return }
                #expect(reload.conversationID == first.conversationID)
                #expect(reload.jwt == first.jwt)
                #expect(genesys.conversations.count == 1)

                // Three replicas racing for a new session agree on one conversation.
                let other = Secret(
                    try JWTSigner(key: key).sign(["external_id": "visitor-8", "name": "Bo", "iat": .number(now), "exp": .number(now + 600)]))
                let racing = WidgetRequest(credential: other, credentialKind: .chatVisitorJWT, widget: .guestChat)
                // Hold every create long enough that all three replicas are creating at once.
                genesys.faults.inject(.delay(.milliseconds(300)), on: EmulatorRoute(.post, "/api/v2/webchat/guest/conversations"), count: .times(3))
                let ids = try await withThrowingTaskGroup(of: String.self) { group in
                    for replica in replicas {
                        group.addTask {
                            guard case .guestChat(let guest) = try await replica.bridge.start(racing) else { return "" }
                            return guest.conversationID
                        }
                    }
                    return try await group.reduce(into: Set<String>()) { $0.insert($1) }
                }
                #expect(ids.count == 1)
                // Each replica created one; the two that lost the race left theirs, so no agent gets an
                // empty chat.
                let winner = try #require(ids.first)
                let racers = genesys.conversations.filter { $0.id != first.conversationID }
                #expect(racers.count == 3)
                #expect(racers.filter(\.hasLeft).count == 2)
                #expect(racers.first { $0.id == winner }?.hasLeft == false)
            }
        }

        /// The data action reaches every replica at once (the flow's retries, the trigger's workflow): the
        /// subject bound at one replica is found at the others, and the conversation is written once.
        @Test func replicasCarryAMessagingConversationOnce() async throws {
            try await Self.withReplicas { replicas, genesys in
                _ = try await replicas[0].bridge.start(
                    WidgetRequest(
                        credential: try Self.ssoJWT(subject: "customer-messaging"),
                        credentialKind: .ssoJWT,
                        widget: .messenger(AuthorizationCodeRequest(clientID: "genesys", redirectURI: "https://shop.example.com/cb", nonce: "n"))
                    )
                )
                let conversation = genesys.openMessagingConversation(subject: "customer-messaging")
                let request = MessagingContextRequest(conversationID: conversation.id, subject: "customer-messaging", isAuthenticated: true)
                let statuses = try await withThrowingTaskGroup(of: String.self) { group in
                    for index in 0..<12 {
                        let replica = replicas[index % 3]
                        group.addTask { try await replica.bridge.carryMessagingContext(request).status.description }
                    }
                    return try await group.reduce(into: [String]()) { $0.append($1) }
                }
                #expect(statuses.filter { $0 == "written" }.count == 1, "\(statuses)")
                let patches = genesys.calls.all.filter { $0.method == .patch && $0.path.hasSuffix("/attributes") }
                #expect(patches.count == 1)
                #expect(genesys.calls.all.filter { $0.method == .put && $0.path.contains("/externalcontacts/conversations/") }.count == 1)
                // Any replica answers a later call from the ledger, without calling Genesys.
                let before = genesys.calls.all.count
                let later = try await replicas[2].bridge.carryMessagingContext(request)
                #expect(later.status == .alreadyWritten)
                #expect(later.externalContactID == genesys.messagingConversation(conversation.id)?.contactID)
                #expect(genesys.calls.all.count == before)
            }
        }
    }
}
