import AuthBridgeCore
import AuthBridgeGenesys
import Testing

@Suite struct GenesysRegionTests {
    @Test func everyRegionDerivesItsHosts() throws {
        #expect(GenesysRegion.all.count == 18)
        let region = try GenesysRegion("eu_west_1")
        #expect(region == .euWest1)
        #expect(region.loginBaseURL == "https://login.mypurecloud.ie")
        #expect(region.apiBaseURL == "https://api.mypurecloud.ie")
        #expect(region.apiCDNBaseURL == "https://api-cdn.mypurecloud.ie")
        #expect(region.webMessagingBaseURL == "wss://webmessaging.mypurecloud.ie")
        #expect(region.webMessagingURL(deploymentID: "d 1") == "wss://webmessaging.mypurecloud.ie/v1?deploymentId=d%201")
        #expect(
            region.messengerConfigurationURL(deploymentID: "abc")
                == "https://api-cdn.mypurecloud.ie/webdeployments/v1/deployments/abc/config.json"
        )
        for named in GenesysRegion.all {
            let name = try #require(named.name)
            let domain = try #require(named.domain)
            #expect(try GenesysRegion(name) == named)
            #expect(try GenesysRegion(String(name.uppercased().map { $0 == "_" ? "-" : $0 })) == named)
            #expect(try GenesysRegion(domain) == named)
            #expect(named.loginBaseURL == "https://login.\(domain)")
        }
        #expect(try GenesysRegion("us-east-2").domain == "use2.us-gov-pure.cloud")
        #expect(try GenesysRegion("mx_central_1").apiBaseURL == "https://api.mxc1.pure.cloud")
        #expect(try GenesysRegion("ap_southeast_1").webMessagingBaseURL == "wss://webmessaging.apse1.pure.cloud")
        #expect(try GenesysRegion("eusc-de-east-1").apiCDNBaseURL == "https://api-cdn.edee1.eusc-pure.cloud")
        #expect(Set(GenesysRegion.all.compactMap(\.name)).count == 18)
    }

    @Test func unknownRegionListsTheValidOnes() {
        do {
            _ = try GenesysRegion("ap_southeast_9")
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .unknownRegion)
            #expect(error.kind == .permanent)
            #expect(error.reason.contains("eu_west_1"))
            #expect(error.reason.contains("us_east_1"))
        }
    }

    @Test func customBaseURLsAllowPlainHTTPOnlyOnLoopback() throws {
        let local = try GenesysRegion.custom(baseURL: "http://127.0.0.1:8080/")
        #expect(local.apiBaseURL == "http://127.0.0.1:8080")
        #expect(local.loginBaseURL == "http://127.0.0.1:8080")
        #expect(local.webMessagingBaseURL == "ws://127.0.0.1:8080")
        #expect(local.isCustom)
        #expect(try GenesysRegion.custom(baseURL: "https://proxy.example.com").apiBaseURL == "https://proxy.example.com")
        #expect(try GenesysRegion.custom(baseURL: "http://localhost:1").isCustom)
        #expect(try GenesysRegion.custom(baseURL: "http://[::1]:9").isCustom)
        let proxied = try GenesysRegion.custom(
            loginBaseURL: "https://login.proxy.example.com",
            apiBaseURL: "https://api.proxy.example.com",
            apiCDNBaseURL: "https://cdn.proxy.example.com/",
            webMessagingBaseURL: "wss://ws.proxy.example.com"
        )
        #expect(proxied.apiCDNBaseURL == "https://cdn.proxy.example.com")
        #expect(proxied.webMessagingURL(deploymentID: "d") == "wss://ws.proxy.example.com/v1?deploymentId=d")
        #expect(
            proxied.messengerConfigurationURL(deploymentID: "d") == "https://cdn.proxy.example.com/webdeployments/v1/deployments/d/config.json"
        )
        for badSocket in ["ws://example.com", "https://example.com", "wss://a/b"] {
            #expect(throws: GenesysError.self) {
                try GenesysRegion.custom(
                    loginBaseURL: "https://a.example",
                    apiBaseURL: "https://a.example",
                    apiCDNBaseURL: "https://a.example",
                    webMessagingBaseURL: badSocket
                )
            }
        }
        #expect(
            try GenesysRegion.custom(
                loginBaseURL: "http://127.0.0.1:1",
                apiBaseURL: "http://127.0.0.1:1",
                apiCDNBaseURL: "http://127.0.0.1:2",
                webMessagingBaseURL: "ws://127.0.0.1:3"
            ).webMessagingBaseURL == "ws://127.0.0.1:3"
        )
        for bad in ["http://example.com", "http://10.0.0.1:80", "ftp://127.0.0.1", "https://a/b", "https://u@h"] {
            #expect(throws: GenesysError.self) { try GenesysRegion.custom(baseURL: bad) }
        }
    }
}
