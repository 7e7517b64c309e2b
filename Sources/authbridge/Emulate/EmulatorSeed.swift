import ArgumentParser
import AuthBridge
import AuthBridgeTesting
import Foundation

/// A seed file for `authbridge emulate`: what each emulator holds before the first request. Every
/// section is optional (`Documentation/Emulators.md` shows the whole format).
struct EmulatorSeed {
    var genesys = GenesysEmulator.Configuration(clients: [.init(id: "emulator-client", secret: "emulator-secret")])
    var zendesk: (ZendeskEmulator) -> Void = { _ in }
    var faults: [EmulatorControl.FaultRequest] = []
    /// The example shop page to serve beside the emulators, if the seed asks for one.
    var examplePage: ExamplePageSeed?

    /// Reads `text`: unknown sections, and required members missing or mistyped (ids, secrets, fault
    /// targets), are errors naming them; optional members of another type are left at their defaults.
    init(json text: String) throws {
        let root = try JSONDecoder().decode(ContextValue.self, from: Data(text.utf8))
        guard case .object(let members) = root else { throw ValidationError("the seed is not a JSON object") }
        for key in members.keys where !["genesys", "zendesk", "faults", "examplePage"].contains(key) {
            throw ValidationError("unknown seed section \(key)")
        }
        if let genesys = members["genesys"] { try self.readGenesys(genesys) }
        if let zendesk = members["zendesk"] { try self.readZendesk(zendesk) }
        for fault in Self.array(members["faults"]) { self.faults.append(try EmulatorControl.FaultRequest(fault)) }
        if let page = members["examplePage"] { self.examplePage = try ExamplePageSeed(page) }
    }

    init() {}

    private mutating func readGenesys(_ section: ContextValue) throws {
        var configuration = self.genesys
        if case .array(let clients)? = section["clients"] {
            configuration.clients = try clients.map { client in
                var lifetime = 86_400
                if let value = client["tokenLifetimeSeconds"] {
                    guard let seconds = EmulatorControl.FaultRequest.integer(value, in: GenesysEmulator.Client.tokenLifetimeSeconds) else {
                        throw ValidationError("a Genesys client's tokenLifetimeSeconds must be a whole number from 300 to 172800")
                    }
                    lifetime = seconds
                }
                return .init(id: try Self.string(client, "id"), secret: try Self.string(client, "secret"), tokenLifetime: .seconds(lifetime))
            }
        }
        if let organization = section["organizationId"]?.stringValue { configuration.organizationID = organization }
        if let legacy = section["legacyWebChat"]?.boolValue { configuration.legacyWebChat = legacy }
        if let limit = EmulatorControl.FaultRequest.integer(section["rateLimitPerToken"], in: 1...1_000_000_000) {
            configuration.rateLimitPerToken = limit
        }
        configuration.openIDIntegrations = try Self.array(section["openIDIntegrations"]).map { integration in
            GenesysEmulator.OpenIDIntegration(
                id: integration["id"]?.stringValue ?? "oidc-integration",
                discoveryURI: try Self.string(integration, "discoveryURI"),
                clientID: try Self.string(integration, "clientId"),
                clientSecret: try Self.string(integration, "clientSecret")
            )
        }
        configuration.messengerDeployments = try Self.array(section["deployments"]).map { deployment in
            GenesysEmulator.MessengerDeployment(
                id: try Self.string(deployment, "id"),
                allowAllDomains: deployment["allowAllDomains"]?.boolValue ?? false,
                allowedDomains: Self.array(deployment["allowedDomains"]).compactMap(\.stringValue),
                authenticationIntegrationID: deployment["authenticationIntegrationId"]?.stringValue ?? "oidc-integration"
            )
        }
        self.genesys = configuration
    }

    private mutating func readZendesk(_ section: ContextValue) throws {
        let chatClients = try Self.array(section["chatClients"]).map { client in
            ZendeskEmulatorChatClient(identifier: try Self.string(client, "id"), secret: Secret(try Self.string(client, "secret")))
        }
        let oauthClients = try Self.array(section["oauthClients"]).enumerated().map { index, client in
            ZendeskEmulatorOAuthClient(
                id: index + 1,
                identifier: try Self.string(client, "id"),
                secret: Secret(try Self.string(client, "secret")),
                allowedScopes: Self.array(client["scopes"]).compactMap(\.stringValue).nonEmpty ?? ["read", "write"]
            )
        }
        let tokens = try Self.array(section["tokens"]).map { token in
            ZendeskEmulatorToken(
                value: Secret(try Self.string(token, "value")),
                userID: EmulatorControl.FaultRequest.integer(token["userId"], in: 1...Int(Int32.max)) ?? 1,
                scopes: Self.array(token["scopes"]).compactMap(\.stringValue).nonEmpty ?? ["read"]
            )
        }
        let sunshineKeys = try Self.array(section["sunshineKeys"]).map { key in (try Self.string(key, "id"), Secret(try Self.string(key, "secret"))) }
        let chats = Self.array(section["chats"])
        let tickets = Self.array(section["tickets"])
        let supportUsers = Self.array(section["supportUsers"])
        let users = try Self.array(section["users"]).map { entry in (try Self.string(entry, "appId"), entry["user"] ?? .null) }
        let conversations = try Self.array(section["conversations"]).map { entry in
            (try Self.string(entry, "appId"), try Self.string(entry, "conversationId"), Self.array(entry["messages"]))
        }
        self.zendesk = { emulator in
            chatClients.forEach(emulator.addChatClient)
            oauthClients.forEach(emulator.addOAuthClient)
            tokens.forEach(emulator.addToken)
            for (id, secret) in sunshineKeys { emulator.addSunshineKey(keyID: id, secret: secret) }
            chats.forEach(emulator.addChat)
            tickets.forEach(emulator.addTicket)
            supportUsers.forEach(emulator.addSupportUser)
            for (app, user) in users { emulator.addUser(user, appID: app) }
            for (app, conversation, messages) in conversations { emulator.addMessages(messages, conversationID: conversation, appID: app) }
        }
    }

    static func array(_ value: ContextValue?) -> [ContextValue] {
        if case .array(let elements)? = value { return elements }
        return []
    }

    static func string(_ value: ContextValue, _ key: String) throws -> String {
        guard let text = value[key]?.stringValue, !text.isEmpty else { throw ValidationError("the seed needs a string \(key)") }
        return text
    }
}

extension Array {
    fileprivate var nonEmpty: Self? { self.isEmpty ? nil : self }
}
