import AuthBridge
import AuthBridgeJWT
import AuthBridgeTesting
import Foundation
import Hummingbird
import InMemoryLogging
import Logging
import Testing

@Suite struct SessionBridgeTests {
    static let kinds: [String] = ["messagingJWT", "chatVisitorJWT", "ssoJWT", "oauthToken"]
    static let widgets: [String] = ["messenger", "webChat", "guestChat"]

    static func kind(_ name: String) -> CredentialKind {
        switch name {
        case "messagingJWT": .messagingJWT
        case "chatVisitorJWT": .chatVisitorJWT
        case "ssoJWT": .ssoJWT
        default: .oauthToken
        }
    }

    static func widget(_ name: String) -> Widget {
        switch name {
        case "messenger":
            .messenger(AuthorizationCodeRequest(clientID: "genesys-messenger", redirectURI: "https://shop.example.com/chat", nonce: "n-1"))
        case "webChat": .webChat
        default: .guestChat
        }
    }

    @Test(arguments: SessionBridgeTests.kinds, SessionBridgeTests.widgets)
    func everyCredentialKindStartsEveryWidget(kindName: String, widgetName: String) async throws {
        try await BridgeFixture.with { fixture in
            let kind = Self.kind(kindName)
            let credential = try BridgeFixture.credential(kind)
            let start = try await fixture.bridge.start(WidgetRequest(credential: credential, credentialKind: kind, widget: Self.widget(widgetName)))
            let json = start.json
            let subject = kind == .oauthToken ? "zendesk-user:4242" : "customer-42"
            switch widgetName {
            case "messenger":
                #expect(Set(json.map(\.name)) == ["authCode", "redirectUri", "nonce", "codeVerifier"])
            case "webChat":
                #expect(Set(json.map(\.name)) == ["jwt"])
                let jwt = try #require(json["jwt"]?.stringValue)
                let claims = try #require(fixture.genesys.verifiedClaims(of: jwt))
                #expect(claims.contains(#""sub":"\#(subject)""#))
                #expect(fixture.genesys.contacts.count == 1)
            default:
                #expect(Set(json.map(\.name)) == ["conversationId", "memberId", "jwt", "eventStreamUri"])
                let conversation = try #require(fixture.genesys.conversations.first)
                #expect(conversation.id == json["conversationId"]?.stringValue)
                #expect(conversation.isAuthenticated)
                #expect(conversation.memberTokenClaimsJSON?.contains(#""sub":"\#(subject)""#) == true)
                #expect(!conversation.participantAttributes.isEmpty)
                #expect(fixture.genesys.contacts.count == 1)
            }
            // The browser payload never carries the platform token: every bearer token the bridge sent to
            // Genesys's platform API is absent from what the page gets.
            let platformTokens = fixture.genesys.calls.all.compactMap { call -> String? in
                guard let header = call.headers[.authorization], header.hasPrefix("Bearer "), !call.path.contains("/webchat/guest/") else {
                    return nil
                }
                return String(header.dropFirst("Bearer ".count))
            }
            let values = json.compactMap(\.value.stringValue)
            for token in platformTokens { #expect(!values.contains { $0.contains(token) }) }
            #expect(fixture.genesys.tokensIssued <= 1)
        }
    }

    @Test func guestChatCarriesTheZendeskTranscriptAndContext() async throws {
        try await BridgeFixture.with { fixture in
            let start = try await fixture.bridge.start(
                WidgetRequest(
                    credential: try BridgeFixture.credential(.messagingJWT),
                    credentialKind: .messagingJWT,
                    widget: .guestChat,
                    history: .zendeskChat(chatID: BridgeFixture.chatID)
                )
            )
            guard case .guestChat(let guest) = start else { Issue.record("not a guest chat"); return }
            let conversation = try #require(fixture.genesys.conversations.first { $0.id == guest.conversationID })
            #expect(
                conversation.customFields.values.contains { $0.contains(BridgeFixture.chatID) }
                    || conversation.participantAttributes.values.contains { $0.contains(BridgeFixture.chatID) })
            let contact = try #require(fixture.genesys.contacts.first)
            #expect(contact.identifiers.contains("ExternalId:customer-42"))
            #expect(!contact.notes.isEmpty)
            // The sample chat's messages reach the notes.
            let notes = contact.notes.joined(separator: "\n")
            let sample = ZendeskEmulator.sampleChat(id: BridgeFixture.chatID)
            guard case .array(let history)? = sample["history"] else { Issue.record("the sample chat has no history"); return }
            let messages = history.compactMap { entry in entry["msg"]?.stringValue }
            let firstMessage = try #require(messages.first)
            #expect(notes.contains(firstMessage))
        }
    }

    @Test func concurrentDuplicatesAndReloadsShareOneConversationAndContact() async throws {
        try await BridgeFixture.with { fixture in
            let credential = try BridgeFixture.credential(.messagingJWT)
            let request = WidgetRequest(credential: credential, credentialKind: .messagingJWT, widget: .guestChat)
            let ids = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        guard case .guestChat(let guest) = try await fixture.bridge.start(request) else { return "" }
                        return guest.conversationID
                    }
                }
                return try await group.reduce(into: Set<String>()) { $0.insert($1) }
            }
            #expect(ids.count == 1)
            #expect(fixture.genesys.conversations.count == 1)
            #expect(fixture.genesys.contacts.count == 1)
            // A reload sends the same credential: same conversation, same guest JWT.
            guard case .guestChat(let again) = try await fixture.bridge.start(request) else { Issue.record("not a guest chat"); return }
            #expect(ids == [again.conversationID])
            #expect(fixture.genesys.conversations.count == 1)
            // A new login is a new session: a new conversation, the same contact.
            let fresh = WidgetRequest(credential: try BridgeFixture.credential(.messagingJWT), credentialKind: .messagingJWT, widget: .guestChat)
            _ = try await fixture.bridge.start(fresh)
            #expect(fixture.genesys.conversations.count == 2)
            #expect(fixture.genesys.contacts.count == 1)
        }
    }

    @Test func theMappingStoreHoldsOnlyHashesAndSealedBytes() async throws {
        let store = RecordingMappingStore()
        let credential = try BridgeFixture.credential(.messagingJWT)
        let request = WidgetRequest(credential: credential, credentialKind: .messagingJWT, widget: .guestChat)
        try await BridgeFixture.with(mappings: store, sealingKey: Secret("a-server-sealing-key-of-at-least-32-bytes!!")) { fixture in
            guard case .guestChat(let guest) = try await fixture.bridge.start(request) else { Issue.record("not a guest chat"); return }
            let (key, payload) = try #require(store.entries.first)
            #expect(store.entries.count == 1)
            #expect(key.hasPrefix("authbridge:session:"))
            for clear in ["customer-42", credential.revealed, guest.conversationID] { #expect(!key.contains(clear)) }
            let text = String(decoding: payload, as: UTF8.self)
            for clear in [guest.jwt.revealed, guest.conversationID, guest.memberID] { #expect(!text.contains(clear)) }
        }
        // The same store under another sealing key: the keys differ, so nothing stored is reused.
        try await BridgeFixture.with(mappings: store, sealingKey: Secret("another-server-sealing-key-32-bytes-long!!")) { fixture in
            _ = try await fixture.bridge.start(request)
            #expect(store.entries.count == 2)
        }
    }

    @Test func aReplayedSSOJWTIsRefusedWithAGenericBody() async throws {
        try await BridgeFixture.with { fixture in
            let credential = try BridgeFixture.credential(.ssoJWT, jti: "jti-once")
            _ = try await fixture.bridge.start(WidgetRequest(credential: credential, credentialKind: .ssoJWT, widget: .webChat))
            do throws(BridgeError) {
                _ = try await fixture.bridge.start(WidgetRequest(credential: credential, credentialKind: .ssoJWT, widget: .webChat))
                Issue.record("a replayed SSO JWT was accepted")
            } catch {
                #expect(error.status == 401)
                #expect(error.step == .zendeskValidation)
                #expect(error.publicBody.keys.sorted() == ["correlationId", "error"])
                #expect(fixture.logText.contains(error.correlationID))
                #expect(!fixture.logText.contains(credential.revealed))
            }
        }
    }

    @Test func genesysRateLimitStaysA429() async throws {
        try await BridgeFixture.with(requiresMemberAuthentication: false) { fixture in
            fixture.genesys.faults.inject(
                .respond(
                    status: .tooManyRequests, headers: [.retryAfter: "3"], body: #"{"status":429,"code":"too.many.requests","message":"slow down"}"#),
                on: EmulatorRoute(.post, "/api/v2/webchat/guest/conversations"),
                count: .always
            )
            let credential = try BridgeFixture.credential(.messagingJWT)
            do throws(BridgeError) {
                _ = try await fixture.bridge.start(WidgetRequest(credential: credential, credentialKind: .messagingJWT, widget: .guestChat))
                Issue.record("the start succeeded")
            } catch {
                #expect(error.status == 429)
                #expect(error.step == .guestChatCreate)
            }
        }
    }

    @Test func theRetiredWebChatWidgetsNeedTheLegacySwitch() async throws {
        try await BridgeFixture.with(legacyWebChat: false) { fixture in
            let credential = try BridgeFixture.credential(.messagingJWT)
            for widget in [Widget.guestChat, .webChat] {
                do throws(BridgeError) {
                    _ = try await fixture.bridge.start(WidgetRequest(credential: credential, credentialKind: .messagingJWT, widget: widget))
                    Issue.record("\(widget) started without legacyWebChat")
                } catch {
                    #expect(error.status == 400)
                    #expect(error.diagnosis.cause == .retiredAPI)
                    #expect(error.diagnosis.remedy.contains("Web Messaging"))
                }
            }
            // Nothing reached the retired APIs.
            #expect(fixture.genesys.calls.count(matching: EmulatorRoute(nil, "/api/v2/webchat/**")) == 0)
            #expect(fixture.genesys.calls.count(matching: EmulatorRoute(nil, "/api/v2/signeddata")) == 0)
        }
    }

    @Test func aValueBeyondGenesysLimitsIsLeftOutWithADiagnosisAndTheChatStarts() async throws {
        try await BridgeFixture.with { fixture in
            // Zendesk allows longer names than Genesys's 1000 characters.
            let longID = "Ada " + String(repeating: "z", count: 1001)
            let credential = try BridgeFixture.credential(.messagingJWT, name: longID)
            guard
                case .webChat = try await fixture.bridge.start(WidgetRequest(credential: credential, credentialKind: .messagingJWT, widget: .webChat))
            else {
                Issue.record("not a web chat start")
                return
            }
            // The contact is written without the last name, with everything else.
            let contact = try #require(fixture.genesys.contacts.first)
            #expect(contact.identifiers.contains("ExternalId:customer-42"))
            #expect(contact.json.contains(#""firstName":"Ada""#))
            #expect(!contact.json.contains("zzzz"))
            let entry = try #require(fixture.logs.entries.first { $0.metadata["authbridge.cause"] == "dataOmitted" })
            #expect(entry.level == .notice)
            #expect(entry.metadata["authbridge.step"] == "contextTransfer")
            #expect(!fixture.logs.entries.contains { "\($0.message) \($0.metadata)".contains(longID) })
        }
    }

    @Test func aLegacyGuestChatGetsItsAttributesOnTheCustomerParticipant() async throws {
        try await BridgeFixture.with(requiresMemberAuthentication: false) { fixture in
            let credential = try BridgeFixture.credential(.messagingJWT)
            guard
                case .guestChat(let started) = try await fixture.bridge.start(
                    WidgetRequest(credential: credential, credentialKind: .messagingJWT, widget: .guestChat)
                )
            else {
                Issue.record("not a guest chat")
                return
            }
            let stored = try #require(fixture.genesys.conversations.first)
            #expect(stored.memberID == started.memberID)
            #expect(stored.participantID != started.memberID)
            #expect(!stored.participantAttributes.isEmpty)
            let path = "/api/v2/conversations/\(stored.id)/participants/\(stored.participantID)/attributes"
            #expect(fixture.genesys.calls.count(matching: EmulatorRoute(.patch, path)) == 1)
            #expect(fixture.genesys.calls.count(matching: EmulatorRoute(nil, "/api/v2/conversations/chats/**")) == 0)
        }
    }

    @Test func anUnconfiguredCredentialKindIsABadRequest() async throws {
        let bridge = SessionBridge(validators: [:], logger: Logger(label: "t"))
        do throws(BridgeError) {
            _ = try await bridge.start(WidgetRequest(credential: Secret("x"), credentialKind: .ssoJWT, widget: .webChat))
            Issue.record("accepted")
        } catch {
            #expect(error.status == 400)
            #expect(error.step == .request)
        }
    }

    @Test func noCredentialOrTokenReachesTheLogs() async throws {
        try await BridgeFixture.with { fixture in
            var secrets: [String] = []
            for name in Self.kinds {
                let kind = Self.kind(name)
                let credential = try BridgeFixture.credential(kind)
                secrets.append(credential.revealed)
                for widget in Self.widgets {
                    let credential = kind == .ssoJWT ? try BridgeFixture.credential(kind) : credential
                    secrets.append(credential.revealed)
                    let start = try await fixture.bridge.start(
                        WidgetRequest(credential: credential, credentialKind: kind, widget: Self.widget(widget)))
                    for (_, value) in start.json { if let text = value.stringValue, text.count > 30 { secrets.append(text) } }
                }
            }
            let logs = fixture.logText
            #expect(!logs.isEmpty)
            for secret in secrets { #expect(!logs.contains(secret)) }
        }
    }

    @Test func historyNamedByThePageIsCarriedOnlyWhenItIsTheCustomersOwn() async throws {
        try await BridgeFixture.with { fixture in
            // The sample chat's visitor is ada@example.com; this customer is someone else.
            let mallory = try BridgeFixture.sign(
                [
                    "external_id": "mallory-1", "name": "Mallory", "email": "mallory@example.com",
                    "iat": .number(JWTClock.system.now.rounded(.down)), "exp": .number(JWTClock.system.now.rounded(.down) + 600),
                ],
                secret: BridgeFixture.chatSecret,
                keyID: nil
            )
            guard
                case .guestChat(let guest) = try await fixture.bridge.start(
                    WidgetRequest(
                        credential: mallory, credentialKind: .chatVisitorJWT, widget: .guestChat, history: .zendeskChat(chatID: BridgeFixture.chatID))
                )
            else { Issue.record("not a guest chat"); return }
            let conversation = try #require(fixture.genesys.conversations.first { $0.id == guest.conversationID })
            #expect(!conversation.customFields.values.contains { $0.contains(BridgeFixture.chatID) || $0.contains("ada@example.com") })
            #expect(!conversation.participantAttributes.values.contains { $0.contains(BridgeFixture.chatID) || $0.contains("+4712345678") })
            let contact = try #require(fixture.genesys.contacts.first)
            #expect(contact.notes.isEmpty)
            #expect(!contact.identifiers.contains("Phone:+4712345678"))
            #expect(fixture.logText.contains("foreignHistory") || fixture.logText.contains("another customer"))
        }
    }

    @Test func aReplayStoreThatDoesNotAnswerIsA503NotA401() async throws {
        struct Down: ReplayStore {
            struct Timeout: Error {}
            func insertIfAbsent(_ id: String, expiresIn: Duration) async throws -> Bool { throw Timeout() }
        }
        let validator = try ZendeskSSOJWTValidator(configuration: .init(sharedSecret: Secret(BridgeFixture.ssoSecret)), replayStore: Down())
        let bridge = SessionBridge(validators: [.ssoJWT: validator], logger: Logger(label: "t"))
        let credential = try BridgeFixture.credential(.ssoJWT)
        do throws(BridgeError) {
            _ = try await bridge.start(WidgetRequest(credential: credential, credentialKind: .ssoJWT, widget: .webChat))
            Issue.record("accepted")
        } catch {
            #expect(error.status == 503)
            #expect(error.step == .zendeskValidation)
        }
    }

    @Test func signingOutForgetsTheGuestChatAndTheMappingNeverOutlivesTheGuestJWT() async throws {
        let store = RecordingMappingStore()
        try await BridgeFixture.with(mappings: store) { fixture in
            let credential = try BridgeFixture.credential(.messagingJWT)
            let request = WidgetRequest(credential: credential, credentialKind: .messagingJWT, widget: .guestChat)
            _ = try await fixture.bridge.start(request)
            // The emulator's guest JWT lives an hour: the mapping lives less than that, not 24 hours.
            let lifetime = try #require(store.lifetimes.first)
            #expect(lifetime <= .seconds(3600) && lifetime > .seconds(3000))
            try await fixture.bridge.endSession(credential: credential, kind: .messagingJWT)
            _ = try await fixture.bridge.start(request)
            #expect(fixture.genesys.conversations.count == 2)
        }
    }
}
