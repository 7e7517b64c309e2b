import Foundation

extension GenesysEmulator {
    /// A Web Messaging (Messenger) deployment, as far as authenticated sign-in reads it.
    public struct MessengerDeployment: Sendable, Hashable {
        /// `WebDeployment.status`.
        public enum Status: String, Sendable, Hashable, CaseIterable {
            /// Being created.
            case pending = "Pending"
            /// Serving; the only status that accepts sign-ins.
            case active = "Active"
            /// Turned off.
            case inactive = "Inactive"
            /// Failed to deploy.
            case error = "Error"
            /// Being deleted.
            case deleting = "Deleting"
        }

        /// The deployment id the page's snippet carries.
        public var id: String
        /// The deployment status.
        public var status: Status
        /// Whether any page origin may use it.
        public var allowAllDomains: Bool
        /// The domains whose pages may use it when ``allowAllDomains`` is off: a host name, or
        /// `*.example.com` for its subdomains.
        public var allowedDomains: [String]
        /// The ``OpenIDIntegration`` id that authenticates it, or `nil` when authentication is off.
        public var authenticationIntegrationID: String?
        /// The name of the External Source identity resolution resolves authenticated customers in
        /// (`DeploymentIdentityResolutionConfig.externalSource`), or `nil` when it does not resolve.
        public var identityResolutionSourceName: String?

        /// Creates a deployment.
        /// - Parameters:
        ///   - id: Default `emulated-messenger-deployment`.
        ///   - status: Default `.active`.
        ///   - allowAllDomains: Default `false`.
        ///   - allowedDomains: Default none.
        ///   - authenticationIntegrationID: Default `oidc-integration`.
        ///   - identityResolutionSourceName: Default `Zendesk`.
        public init(
            id: String = "emulated-messenger-deployment",
            status: Status = .active,
            allowAllDomains: Bool = false,
            allowedDomains: [String] = [],
            authenticationIntegrationID: String? = "oidc-integration",
            identityResolutionSourceName: String? = "Zendesk"
        ) {
            self.id = id
            self.status = status
            self.allowAllDomains = allowAllDomains
            self.allowedDomains = allowedDomains
            self.authenticationIntegrationID = authenticationIntegrationID
            self.identityResolutionSourceName = identityResolutionSourceName
        }

        /// Whether a page at `origin` (`https://host[:port]`) may use the deployment. A request without
        /// an `Origin` is refused unless every domain is allowed: the calls are the browser's own.
        func allows(origin: String?) -> Bool {
            if self.allowAllDomains { return true }
            guard let origin, let host = Self.host(ofOrigin: origin) else { return false }
            return self.allowedDomains.contains { domain in
                let domain = domain.lowercased()
                if domain.hasPrefix("*.") { return host.hasSuffix(domain.dropFirst()) }
                return host == domain
            }
        }

        static func host(ofOrigin origin: String) -> String? {
            guard let schemeEnd = origin.range(of: "://") else { return nil }
            let rest = origin[schemeEnd.upperBound...]
            let host = rest.prefix { $0 != ":" && $0 != "/" }
            return host.isEmpty ? nil : host.lowercased()
        }
    }
}
