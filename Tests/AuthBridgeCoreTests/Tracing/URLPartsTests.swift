import AuthBridgeCore
import Testing

@Suite struct URLPartsTests {
    /// `scheme host port path`, for comparison.
    static func parts(_ url: String) -> String? {
        URLParts(url).map { "\($0.scheme) \($0.host) \($0.port) \($0.path)" }
    }

    @Test func keepsSchemeHostPortAndPathAndDropsQueryFragmentAndUser() {
        #expect(
            Self.parts("https://user:pw@acme.zendesk.com:8443/api/v2/chats/search?q=email:ada@example.com#top")
                == "https acme.zendesk.com 8443 /api/v2/chats/search")
    }

    @Test func defaultPortsAndAnEmptyPath() {
        #expect(Self.parts("https://api.mypurecloud.com") == "https api.mypurecloud.com 443 /")
        #expect(Self.parts("http://127.0.0.1?x=1") == "http 127.0.0.1 80 /")
        #expect(Self.parts("HTTP://[::1]:6380/a") == "http [::1] 6380 /a")
    }

    @Test func refusesWhatIsNotAnAbsoluteURL() {
        #expect(URLParts("/api/v2/chats") == nil)
        #expect(URLParts("https:///path") == nil)
        #expect(URLParts("https://host:port/") == nil)
    }
}
