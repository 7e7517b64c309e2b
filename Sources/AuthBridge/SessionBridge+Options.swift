public import AuthBridgeCore
import AuthBridgeCrypto
import AuthBridgeJWT

extension SessionBridge {
    /// How the bridge remembers sessions.
    public struct Options: Sendable {
        /// The server-side key that derives each session's mapping key and sealing key (32 bytes or more).
        /// Replicas sharing a mapping store must share it; the default is random per process, right for
        /// the in-memory store.
        public var sealingKey: Secret
        /// How long a session keeps mapping to the same Genesys conversation. Default 24 hours.
        public var mappingLifetime: Duration

        /// Creates options.
        /// - Parameters:
        ///   - sealingKey: At least 32 bytes; default random.
        ///   - mappingLifetime: Default 24 hours.
        public init(sealingKey: Secret? = nil, mappingLifetime: Duration = .seconds(86_400)) {
            self.sealingKey = sealingKey ?? Self.randomKey()
            self.mappingLifetime = mappingLifetime
        }

        static func randomKey() -> Secret {
            // libcrypto's CSPRNG; if it ever failed, the system generator is the fallback, never a constant.
            let bytes = (try? SecureRandom.bytes(32)) ?? (0..<32).map { _ in UInt8.random(in: 0...255) }
            return Secret(Base64URL.encode(bytes))
        }
    }
}
