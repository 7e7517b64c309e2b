public import AuthBridgeOIDC
import Foundation
public import Hummingbird

/// The OpenID provider's HTTP routes: discovery, JWKS, token and userinfo, at the paths the provider's
/// configuration names under its issuer (an issuer `https://auth.example.com/chat` serves discovery at
/// `/chat/.well-known/openid-configuration`).
///
/// ```swift
/// let router = Router(context: AuthBridgeRequestContext.self)
/// OpenIDRoutes(provider: provider).register(on: router)
/// ```
public struct OpenIDRoutes: Sendable {
    /// The provider the routes answer for.
    public let provider: OpenIDProvider
    /// The largest token-request body read; larger ones get 413. Default 16 KiB.
    public var maximumBodySize: Int

    /// Creates the routes.
    /// - Parameters:
    ///   - provider: The provider.
    ///   - maximumBodySize: The largest token-request body; default 16 KiB.
    public init(provider: OpenIDProvider, maximumBodySize: Int = 16 << 10) {
        self.provider = provider
        self.maximumBodySize = maximumBodySize
    }

    /// Adds the routes to `router`.
    /// - Parameter router: The router (or a group of it).
    public func register<Context: RequestContext>(on router: some RouterMethods<Context>) {
        let provider = self.provider
        let limit = self.maximumBodySize
        let base = Self.path(ofIssuer: provider.configuration.issuer)
        let configuration = provider.configuration
        router.get(RouterPath(base + "/.well-known/openid-configuration")) { _, _ in
            provider.discoveryResponse().hummingbirdResponse
        }
        router.get(RouterPath(base + configuration.jwksPath)) { _, _ in
            provider.jwksResponse().hummingbirdResponse
        }
        router.post(RouterPath(base + configuration.tokenPath)) { request, context in
            var request = request
            let body = try await ClientRequestBody.collect(&request, upTo: limit, logger: context.logger)
            let answer = await provider.tokenEndpoint(
                TokenEndpointRequest(
                    authorization: request.headers[.authorization],
                    contentType: request.headers[.contentType],
                    body: Array(buffer: body)
                )
            )
            return answer.hummingbirdResponse
        }
        router.get(RouterPath(base + configuration.userInfoPath)) { request, _ in
            await provider.userInfo(authorization: request.headers[.authorization]).hummingbirdResponse
        }
        router.post(RouterPath(base + configuration.userInfoPath)) { request, _ in
            await provider.userInfo(authorization: request.headers[.authorization]).hummingbirdResponse
        }
        // Listed in discovery because OpenID requires it, but sign-in starts at the bridge's code route:
        // say so rather than answer 404.
        router.get(RouterPath(base + configuration.authorizationPath)) { _, _ in
            provider.authorizationEndpointResponse().hummingbirdResponse
        }
    }

    /// The path part of an issuer URL, without a trailing slash (`""` for a bare origin).
    static func path(ofIssuer issuer: String) -> String {
        guard let schemeEnd = issuer.range(of: "://") else { return "" }
        let afterScheme = issuer[schemeEnd.upperBound...]
        guard let slash = afterScheme.firstIndex(of: "/") else { return "" }
        var path = String(afterScheme[slash...])
        while path.hasSuffix("/") { path.removeLast() }
        return path
    }
}
