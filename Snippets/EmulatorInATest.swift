// An emulator in a test: AuthBridgeTesting's example, compiled.
import AuthBridgeCore
import AuthBridgeTesting
import AuthBridgeZendesk
import Testing

// snippet.hide
func emulate() async throws {
    // snippet.show
    let zendesk = try await ZendeskEmulator.start()
    zendesk.addToken(ZendeskEmulatorToken(value: Secret("t0k3n"), scopes: ["read"]))
    zendesk.faults.inject(.dropConnection, on: EmulatorRoute(.get, "/api/v2/oauth/tokens/current.json"))

    let baseURL = try ZendeskBaseURL(overriding: zendesk.baseURL)
    // … run the code under test against baseURL …
    // snippet.hide
    _ = baseURL
    // snippet.show

    #expect(zendesk.calls.count(matching: EmulatorRoute(.get, "/api/v2/oauth/tokens/current.json")) == 1)
    await zendesk.stop()
    // snippet.hide
}
