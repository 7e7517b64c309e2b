import AsyncHTTPClient
import AuthBridgeJWT
import Foundation
import Hummingbird
import NIOCore
import NIOHTTP1
import Synchronization

/// The example shop page of `authbridge demo --serve` and `authbridge emulate` (seed `examplePage`): the
/// AuthProvider plugin of the AuthenticatedMessenger article (unchanged), an emulated Messenger, and the
/// site's own parts: its session cookie, the Zendesk Messaging JWT its backend mints for a signed-in
/// customer, and sign-out, which ends the customer's AuthBridge session. It also keeps what the page's
/// test scenarios report.
final class ExampleShopPage: Sendable {
    /// Where the page's parts are, and how the site's backend mints the customer's Messaging JWT.
    struct Configuration: Sendable {
        /// AuthBridge's base URL (the plugin's requests go there).
        var authBridge: String
        /// The (emulated) Genesys base URL Messenger's token requests go to.
        var genesys: String
        /// The Messenger deployment.
        var deploymentID: String
        /// The signed-in customer's name, as the site shows it.
        var customerName: String
        /// The signed-in customer's Messaging JWT, as the site's backend mints it.
        var messagingJWT: @Sendable () throws -> String
    }

    let configuration: Configuration
    let httpClient: HTTPClient
    private let reports = Mutex<[String]>([])

    init(configuration: Configuration, httpClient: HTTPClient) {
        self.configuration = configuration
        self.httpClient = httpClient
    }

    static let cookie = "demo_session"

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        let page = self
        let index = String(decoding: PackageResources.index_html, as: UTF8.self).replacingOccurrences(
            of: "{{CONFIG}}",
            with: JSONValue.object([
                "authBridge": .string(self.configuration.authBridge),
                "genesys": .string(self.configuration.genesys),
                "deploymentId": .string(self.configuration.deploymentID),
            ]).serialized.replacingOccurrences(of: "<", with: "\\u003c")  // inside a <script>: no `</script>` from a seed value
        )
        router.get("/") { _, _ in Self.file(Array(index.utf8), type: "text/html; charset=utf-8") }
        router.get("/login") { _, _ in Self.file(PackageResources.login_html, type: "text/html; charset=utf-8") }
        router.get("/page.js") { _, _ in Self.file(PackageResources.page_js, type: "text/javascript; charset=utf-8") }
        router.get("/messenger.js") { _, _ in Self.file(PackageResources.messenger_js, type: "text/javascript; charset=utf-8") }
        router.get("/authprovider.js") { _, _ in Self.file(PackageResources.authprovider_js, type: "text/javascript; charset=utf-8") }

        router.get("/site/session") { request, _ in
            let signedIn = Self.isSignedIn(request)
            return Self.file(
                Array(
                    JSONValue.object(["signedIn": .bool(signedIn), "name": .string(signedIn ? page.configuration.customerName : "")]).serialized.utf8),
                type: "application/json")
        }
        router.post("/site/login") { _, _ in
            Response(status: .noContent, headers: [.setCookie: "\(Self.cookie)=signed-in; Path=/; HttpOnly; SameSite=Strict"])
        }
        // The site's backend mints the customer's Messaging JWT, as it does for the Zendesk Web Widget.
        router.get("/site/zendesk-jwt") { request, _ in
            guard Self.isSignedIn(request) else { return Response(status: .unauthorized) }
            return Self.file(Array(try page.configuration.messagingJWT().utf8), type: "text/plain")
        }
        // Signing out of the site ends the customer's AuthBridge session: Genesys's next refresh fails.
        router.post("/site/logout") { request, _ in
            // Best effort: the site's sign-out must clear its cookie even when AuthBridge is unreachable.
            if Self.isSignedIn(request) { try? await page.endBridgeSession() }
            return Response(status: .noContent, headers: [.setCookie: "\(Self.cookie)=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict"])
        }
        router.post("/site/reports") { request, _ in
            let line = String(buffer: try await request.body.collect(upTo: 2_048))
            page.reports.withLock { if $0.count < 200 { $0.append(line) } }
            return Response(status: .noContent)
        }
        router.get("/site/reports") { _, _ in
            Self.file(Array(page.reports.withLock { $0 }.joined(separator: "\n").utf8), type: "text/plain; charset=utf-8")
        }
        return router
    }

    private func endBridgeSession() async throws {
        var request = HTTPClientRequest(url: self.configuration.authBridge + "/authbridge/v1/session/end")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(
            ByteBuffer(
                string: JSONValue.object(["credential": .string(try self.configuration.messagingJWT()), "credentialKind": "messagingJWT"]).serialized)
        )
        _ = try await self.httpClient.execute(request, timeout: .seconds(10))
    }

    private static func isSignedIn(_ request: Request) -> Bool {
        request.headers[values: .cookie].contains { header in
            header.split(separator: ";").contains { $0.trimmingCharacters(in: .whitespaces) == "\(Self.cookie)=signed-in" }
        }
    }

    private static func file(_ bytes: [UInt8], type: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: type, .cacheControl: "no-store", .contentLength: String(bytes.count)],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
        )
    }
}
