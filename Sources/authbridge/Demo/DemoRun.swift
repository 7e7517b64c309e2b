import AuthBridge
import AuthBridgeTesting
import Foundation
import Hummingbird
import InMemoryLogging
import Logging
import NIOHTTP1

/// The demo's script: the Messenger flows (and, with `legacyWebChat`, the retired web chat flows) that
/// must succeed, then three failures that must be explained.
struct DemoRun {
    let printer: DemoPrinter
    let showLogs: Bool
    let legacyWebChat: Bool

    /// Runs everything; `false` when any flow did not behave as it should.
    func run() async throws -> Bool {
        let environment = try await DemoEnvironment.start(logLevel: self.showLogs ? .trace : .info, legacyWebChat: self.legacyWebChat)
        let http = DemoHTTP(client: environment.httpClient)
        self.printer.section(
            "AuthBridge demo: Zendesk at \(environment.zendesk.baseURL), Genesys at \(environment.genesys.baseURL), AuthBridge at \(environment.baseURL)"
        )
        var passed = true
        do {
            passed = try await self.messenger(environment, http) && passed
            passed = try await self.messengerWithHistory(environment, http) && passed
            if self.legacyWebChat {
                passed = try await self.guestChat(environment, http) && passed
                passed = try await self.webChat(environment, http) && passed
                passed = try await self.oauthGuestChatTwice(environment, http) && passed
            } else {
                passed = try await self.retiredWidget(environment, http) && passed
            }
            passed = try await self.failures(environment, http) && passed
        } catch {
            self.printer.step(false, "the demo stopped: \(error)")
            passed = false
        }
        await environment.stop()
        if self.showLogs {
            self.printer.section("AuthBridge's log")
            for entry in environment.logs.entries {
                let metadata = entry.metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
                self.printer.note("[\(entry.level)] \(entry.message) \(metadata)")
            }
        }
        self.printer.section(passed ? "All flows behaved as expected." : "Some flows did not behave as expected.")
        return passed
    }

    private func session(_ environment: DemoEnvironment) -> String { environment.baseURL + "/authbridge/v1/session" }

    /// Flow 1: a Zendesk Messaging JWT signs the customer into Genesys Messenger through our OpenID provider.
    private func messenger(_ environment: DemoEnvironment, _ http: DemoHTTP) async throws -> Bool {
        self.printer.section("Flow 1: Messenger, signed in with a Zendesk Messaging JWT (AuthBridge is the OpenID provider)")
        let code = try await http.send(
            .POST,
            self.session(environment),
            json: [
                "credential": .string(try DemoEnvironment.messagingJWT()), "credentialKind": "messagingJWT", "widget": "messenger",
                "messenger": [
                    "clientId": .string(DemoEnvironment.messengerClientID), "redirectUri": .string(DemoEnvironment.redirectURI),
                    "nonce": "demo-nonce-1",
                ],
            ]
        )
        self.printer.step(
            code.status == 200,
            "page → AuthBridge getAuthCode: \(code.status)",
            [
                ("authCode", DemoPrinter.redacted(code.json["authCode"]?.stringValue)),
                ("codeVerifier", DemoPrinter.redacted(code.json["codeVerifier"]?.stringValue)),
                ("redirectUri", code.json["redirectUri"]?.stringValue ?? "-"),
            ]
        )
        guard code.status == 200 else { return false }
        let exchange = try await self.exchange(code, environment, http)
        let identity = environment.genesys.messengerSessions.last.flatMap { try? JSONValue(parsing: $0.identityClaimsJSON).objectValue } ?? [:]
        self.printer.step(
            exchange.status == 200,
            "Messenger → Genesys exchange (Genesys redeemed the code at our token endpoint and verified the ID token): \(exchange.status)",
            [
                ("jwt", DemoPrinter.redacted(exchange.json["jwt"]?.stringValue)),
                ("refreshToken", DemoPrinter.redacted(exchange.json["refreshToken"]?.stringValue)),
                (
                    "identity Genesys read",
                    ["sub", "email", "given_name", "family_name"].map { "\($0)=\(identity[$0]?.stringValue ?? "-")" }.joined(separator: " ")
                ),
            ]
        )
        guard exchange.status == 200, let refreshToken = exchange.json["refreshToken"]?.stringValue else { return false }
        let refresh = try await http.send(
            .POST,
            environment.genesys.baseURL + "/api/v2/webdeployments/token/refresh",
            json: ["refreshToken": .string(refreshToken), "deploymentId": .string(DemoEnvironment.messengerDeploymentID)]
        )
        self.printer.step(
            refresh.status == 200, "Messenger refresh (Genesys re-checked the Zendesk session at our token endpoint): \(refresh.status)")
        guard refresh.status == 200, let subject = environment.genesys.messengerSessions.last?.subject else { return false }
        let view = try await self.firstMessage(environment, subject: subject, name: "Ada King Lovelace")
        let ok = view?.attributes["AuthBridge.status"] == "written" && view?.contactID != nil
        self.printer.step(
            ok,
            "customer's first message → the inbound message flow calls AuthBridge's data action → what the agent sees",
            [
                ("participant data", view.map { Self.listed($0.attributes) } ?? "-"),
                ("linked External Contact", view?.contactID ?? "-"),
            ]
        )
        return ok
    }

    /// Messenger's exchange of the page's code at the emulated Genesys (which redeems it at our token endpoint).
    private func exchange(_ code: DemoHTTP.Reply, _ environment: DemoEnvironment, _ http: DemoHTTP) async throws -> DemoHTTP.Reply {
        try await http.send(
            .POST,
            environment.genesys.baseURL + "/api/v2/webdeployments/token/oauthcodegrantjwtexchange",
            json: [
                "deploymentId": .string(DemoEnvironment.messengerDeploymentID),
                "oauth": [
                    "code": code.json["authCode"] ?? .null, "redirectUri": code.json["redirectUri"] ?? .null,
                    "nonce": code.json["nonce"] ?? .null, "codeVerifier": code.json["codeVerifier"] ?? .null,
                ],
            ]
        )
    }

    /// The customer's first message on web messaging: the emulated flow step runs the shipped data action.
    private func firstMessage(_ environment: DemoEnvironment, subject: String, name: String) async throws -> GenesysEmulatorMessagingConversation? {
        guard DemoEnvironment.shippedDataAction() != nil else {
            self.printer.step(
                false, "Integrations/GenesysCloud/messaging-context.data-action.json is not beside this binary: run the demo from the checkout")
            return nil
        }
        return await environment.genesys.sendFirstMessage(subject: subject, name: name)
    }

    static func listed(_ attributes: [String: String]) -> String {
        attributes.sorted { $0.key < $1.key }.map { "\($0.key)=\(DiagnosisText.printable($0.value, limit: 40))" }.joined(separator: " ")
    }

    /// Flow 2: a Chat visitor JWT signs into Messenger, and the earlier Zendesk chat reaches the customer's
    /// External Contact (upserted through enrich, its `ExternalId` in the Zendesk External Source) as notes.
    private func messengerWithHistory(_ environment: DemoEnvironment, _ http: DemoHTTP) async throws -> Bool {
        self.printer.section(
            "Flow 2: Messenger with a Zendesk Chat visitor JWT; the earlier chat and the customer's Messaging conversation reach the External Contact as notes"
        )
        let code = try await http.send(
            .POST,
            self.session(environment),
            json: [
                "credential": .string(try DemoEnvironment.chatVisitorJWT()), "credentialKind": "chatVisitorJWT", "widget": "messenger",
                "messenger": [
                    "clientId": .string(DemoEnvironment.messengerClientID), "redirectUri": .string(DemoEnvironment.redirectURI),
                    "nonce": "demo-nonce-2",
                ],
                "history": ["zendeskChatId": .string(DemoEnvironment.chatID)],
            ]
        )
        self.printer.step(code.status == 200, "page → AuthBridge getAuthCode, naming the earlier chat: \(code.status)")
        guard code.status == 200 else { return false }
        let exchange = try await self.exchange(code, environment, http)
        guard exchange.status == 200, let subject = environment.genesys.messengerSessions.last?.subject,
            let first = try await self.firstMessage(environment, subject: subject, name: "Ada Visitor")
        else { return false }
        // The data action answered before the history; it is carried in the background.
        var view: GenesysEmulatorMessagingConversation? = first
        for _ in 0..<100 {
            view = environment.genesys.messagingConversation(first.id)
            if view?.contactNotes.contains(where: { $0.contains("zendesk.messaging") }) == true { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        // What an agent reads of the Messaging conversation found from the customer's external id.
        let lines = (view?.contactNotes ?? []).flatMap { $0.split(separator: "\n").map(String.init) }
        let shown = ["(the Zendesk ticket was closed)", "Order number: 42", "[attachment "].compactMap { marker in
            lines.first { $0.contains(marker) && !$0.contains("receipt.png") }
        }
        let contact = environment.genesys.contacts.first { $0.id == view?.contactID }
        let ok = code.status == 200 && contact.map { !$0.externalSourceNames.isEmpty } == true
        self.printer.step(
            ok,
            "first message → data action → External Contact upserted (enrich), linked, with the earlier chat as notes",
            [
                ("contact identifiers", contact?.identifiers.joined(separator: ", ") ?? "-"),
                ("External Source", contact?.externalSourceNames.first ?? "-"),
                ("notes the agent reads", "\(view?.contactNotes.count ?? 0)"),
                ("participant data", view.map { Self.listed($0.attributes) } ?? "-"),
            ]
        )
        self.printer.step(
            shown.count == 3,
            "the Messaging conversation, found from the verified external id (no page named it), reads as lines",
            shown.map { ("line", $0) }
        )
        return ok && view?.contactNotes.isEmpty == false && shown.count == 3
    }

    /// Without `--legacy-web-chat`, the retired guest chat widget is refused with its cause.
    private func retiredWidget(_ environment: DemoEnvironment, _ http: DemoHTTP) async throws -> Bool {
        self.printer.section("Flow 3: the guest chat widget, retired by Genesys (ACD web chat v2): refused and explained")
        let reply = try await http.send(
            .POST,
            self.session(environment),
            json: ["credential": .string(try DemoEnvironment.chatVisitorJWT()), "credentialKind": "chatVisitorJWT", "widget": "guestChat"]
        )
        return self.explain("a guest chat asked for without genesys.legacyWebChat", reply, environment, expecting: .retiredAPI)
    }

    /// Legacy flow: a Chat visitor JWT and the customer's earlier Zendesk chat become a guest chat with context.
    private func guestChat(_ environment: DemoEnvironment, _ http: DemoHTTP) async throws -> Bool {
        self.printer.section("Legacy flow: guest chat API, with a Zendesk Chat visitor JWT and the earlier chat's transcript")
        let reply = try await http.send(
            .POST,
            self.session(environment),
            json: [
                "credential": .string(try DemoEnvironment.chatVisitorJWT()), "credentialKind": "chatVisitorJWT", "widget": "guestChat",
                "history": ["zendeskChatId": .string(DemoEnvironment.chatID)],
            ]
        )
        let conversation = environment.genesys.conversations.last
        let contact = environment.genesys.contacts.last
        self.printer.step(
            reply.status == 200,
            "page → AuthBridge guest chat: \(reply.status)",
            [
                ("conversationId", reply.json["conversationId"]?.stringValue ?? "-"),
                ("memberId", reply.json["memberId"]?.stringValue ?? "-"),
                ("jwt", DemoPrinter.redacted(reply.json["jwt"]?.stringValue)),
                ("eventStreamUri", reply.json["eventStreamUri"]?.stringValue ?? "-"),
            ]
        )
        let carried = conversation.map { !$0.customFields.isEmpty && !$0.participantAttributes.isEmpty && $0.isAuthenticated } ?? false
        self.printer.step(
            carried,
            "identity and context carried into the conversation",
            [
                ("authenticated member", "\(conversation?.isAuthenticated ?? false)"),
                ("customFields", conversation.map { $0.customFields.keys.sorted().joined(separator: ", ") } ?? "-"),
                ("participant attributes", "\(conversation?.participantAttributes.count ?? 0)"),
            ]
        )
        let notes = contact?.notes ?? []
        let transcriptCarried = notes.contains { $0.contains("Hello, my order is late") }
        self.printer.step(
            transcriptCarried,
            "External Contact and transcript",
            [
                ("contact identifiers", contact?.identifiers.joined(separator: ", ") ?? "-"),
                ("notes", "\(notes.count), first lines: " + (notes.first?.split(separator: "\n").prefix(3).joined(separator: " | ") ?? "-")),
            ]
        )
        return reply.status == 200 && carried && transcriptCarried
    }

    /// Flow 3: an SSO JWT becomes a Web Chat 1.x member token.
    private func webChat(_ environment: DemoEnvironment, _ http: DemoHTTP) async throws -> Bool {
        self.printer.section("Legacy flow: Web Chat 1.x, with a Zendesk SSO JWT")
        let reply = try await http.send(
            .POST,
            self.session(environment),
            json: ["credential": .string(try DemoEnvironment.ssoJWT()), "credentialKind": "ssoJWT", "widget": "webChat"]
        )
        let claims =
            reply.json["jwt"]?.stringValue.flatMap { environment.genesys.verifiedClaims(of: $0) }
            .flatMap { try? JSONValue(parsing: $0).objectValue } ?? [:]
        let ok = reply.status == 200 && claims["sub"]?.stringValue == "zd-sso-77"
        self.printer.step(
            ok,
            "page → AuthBridge member token for the widget's Client-Token: \(reply.status)",
            [("jwt", DemoPrinter.redacted(reply.json["jwt"]?.stringValue)), ("signed by Genesys for", "sub=\(claims["sub"]?.stringValue ?? "-")")]
        )
        return ok
    }

    /// Flow 4: an OAuth token, asked twice (a page reload), maps to one conversation.
    private func oauthGuestChatTwice(_ environment: DemoEnvironment, _ http: DemoHTTP) async throws -> Bool {
        self.printer.section("Legacy flow: guest chat with a Zendesk OAuth token, asked twice (a page reload)")
        let body: JSONValue = ["credential": .string(DemoEnvironment.oauthToken), "credentialKind": "oauthToken", "widget": "guestChat"]
        let first = try await http.send(.POST, self.session(environment), json: body)
        let second = try await http.send(.POST, self.session(environment), json: body)
        let same = first.status == 200 && first.json["conversationId"] == second.json["conversationId"]
        self.printer.step(
            same,
            "the same session gets the same conversation: \(first.status), \(second.status)",
            [
                ("conversationId", first.json["conversationId"]?.stringValue ?? "-"),
                ("Genesys service tokens fetched", "\(environment.genesys.tokensIssued)"),
            ]
        )
        return same
    }

    /// Three deliberate failures: the browser gets a generic answer, the operator the cause.
    private func failures(_ environment: DemoEnvironment, _ http: DemoHTTP) async throws -> Bool {
        self.printer.section("Three deliberate failures, and what the operator sees")
        var explained = true

        let expired = try await http.send(
            .POST,
            self.session(environment),
            json: [
                "credential": .string(try DemoEnvironment.messagingJWT(issuedAgo: 3_600, lifetime: 600)), "credentialKind": "messagingJWT",
                "widget": "messenger",
                "messenger": ["clientId": .string(DemoEnvironment.messengerClientID), "redirectUri": .string(DemoEnvironment.redirectURI)],
            ]
        )
        explained = self.explain("an expired Zendesk Messaging JWT", expired, environment, expecting: .expiredToken) && explained

        let code = try await http.send(
            .POST,
            self.session(environment),
            json: [
                "credential": .string(try DemoEnvironment.messagingJWT()), "credentialKind": "messagingJWT", "widget": "messenger",
                "messenger": [
                    "clientId": .string(DemoEnvironment.messengerClientID), "redirectUri": .string(DemoEnvironment.redirectURI), "nonce": "n2",
                ],
            ]
        )
        let exchange: JSONValue = [
            "deploymentId": .string(DemoEnvironment.messengerDeploymentID),
            "oauth": [
                "code": code.json["authCode"] ?? .null, "redirectUri": code.json["redirectUri"] ?? .null, "nonce": "n2",
                "codeVerifier": code.json["codeVerifier"] ?? .null,
            ],
        ]
        let url = environment.genesys.baseURL + "/api/v2/webdeployments/token/oauthcodegrantjwtexchange"
        _ = try await http.send(.POST, url, json: exchange)
        let reused = try await http.send(.POST, url, json: exchange)
        let diagnosis = Diagnosis.diagnose(reused.peer, at: .messengerExchange)
        let reusedOK = reused.status == 401 && diagnosis.cause == .authorizationCodeRejected
        self.printer.step(
            reusedOK,
            "a reused authorization code: Genesys answers \(reused.status) \(reused.json["code"]?.stringValue ?? "")",
            [("diagnosis", diagnosis.summary), ("remedy", diagnosis.remedy)]
        )
        explained = explained && reusedOK

        guard self.legacyWebChat else {
            // Messenger's exchange is the page's own call to Genesys: its 429 is diagnosed from the answer.
            let route = EmulatorRoute(.post, "/api/v2/webdeployments/token/oauthcodegrantjwtexchange")
            environment.genesys.faults.inject(
                .respond(
                    status: .tooManyRequests, headers: [.retryAfter: "30"],
                    body: #"{"status":429,"code":"too.many.requests","message":"Rate limit exceeded"}"#),
                on: route
            )
            let limited = try await http.send(.POST, url, json: exchange)
            let diagnosis = Diagnosis.diagnose(limited.peer, at: .messengerExchange)
            let limitedOK = limited.status == 429 && diagnosis.cause == .rateLimited
            self.printer.step(
                limitedOK,
                "Genesys rate-limits Messenger's exchange (a 429, not a 401): \(limited.status)",
                [("diagnosis", diagnosis.summary), ("remedy", diagnosis.remedy)]
            )
            return explained && limitedOK
        }
        environment.genesys.faults.inject(
            .respond(
                status: .tooManyRequests, headers: [.retryAfter: "30"],
                body: #"{"status":429,"code":"too.many.requests","message":"Rate limit exceeded"}"#),
            on: EmulatorRoute(.post, "/api/v2/webchat/guest/conversations"),
            count: .always
        )
        let limited = try await http.send(
            .POST,
            self.session(environment),
            json: [
                "credential": .string(try DemoEnvironment.chatVisitorJWT(externalID: "zd-visitor-20002")), "credentialKind": "chatVisitorJWT",
                "widget": "guestChat",
            ]
        )
        environment.genesys.faults.clear(EmulatorRoute(.post, "/api/v2/webchat/guest/conversations"))
        explained =
            self.explain("Genesys rate-limits guest chat creation (a 429, not a 401)", limited, environment, expecting: .rateLimited) && explained
        return explained
    }

    /// The browser's generic answer, then the operator's log entry under the same correlation id.
    private func explain(_ what: String, _ reply: DemoHTTP.Reply, _ environment: DemoEnvironment, expecting cause: Diagnosis.Cause) -> Bool {
        let correlation = reply.json["correlationId"]?.stringValue
        let entry = correlation.flatMap { environment.logEntry(correlationID: $0) }
        let ok = reply.status >= 400 && entry?["authbridge.cause"] == cause.name
        self.printer.step(
            ok,
            "\(what): the browser gets \(reply.status) \(reply.json["error"]?.stringValue ?? "")",
            [
                ("correlationId", correlation ?? "-"),
                ("operator log: cause", entry?["authbridge.cause"] ?? "-"),
                ("operator log: diagnosis", entry?["authbridge.diagnosis"] ?? "-"),
            ]
        )
        return ok
    }
}
