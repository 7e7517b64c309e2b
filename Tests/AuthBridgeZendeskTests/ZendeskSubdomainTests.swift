import AuthBridgeZendesk
import Testing

@Suite("Subdomain and base URL")
struct ZendeskSubdomainTests {
    @Test func acceptsZendeskGrammar() throws {
        for name in ["acme", "a1b", "my-company-2", String(repeating: "a", count: 63)] {
            #expect(try ZendeskSubdomain(name).baseURL.url == "https://\(name).zendesk.com")
        }
    }

    @Test func refusesEverythingElse() {
        for name in [
            "", "ab", "1abc", "-abc", "abc-", "Acme", "ac.me", "ac_me", "acme/../x", "acme.evil.com#", String(repeating: "a", count: 64), "åcme",
        ] {
            let error = #expect(throws: ZendeskError.self) { try ZendeskSubdomain(name) }
            #expect(error?.code == .invalidSubdomain, "\(name)")
        }
    }

    @Test func baseURLOverridesNeedTLSExceptOnLoopback() throws {
        #expect(try ZendeskBaseURL(overriding: "http://127.0.0.1:8080/").url == "http://127.0.0.1:8080")
        #expect(try ZendeskBaseURL(overriding: "http://localhost:1").appending("/x") == "http://localhost:1/x")
        #expect(try ZendeskBaseURL(overriding: "https://proxy.example/zendesk").url == "https://proxy.example/zendesk")
        for url in ["http://acme.zendesk.com", "ftp://127.0.0.1", "https://a.example/?q=1", "not a url", "https://user@a.example"] {
            let error = #expect(throws: ZendeskError.self) { try ZendeskBaseURL(overriding: url) }
            #expect(error?.code == .invalidConfiguration, "\(url)")
        }
    }
}
