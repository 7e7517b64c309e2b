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
        /// How long ``SessionBridge/carryMessagingContext(_:)`` may take, from the call's start, retrying
        /// Genesys's transient failures (429, 5xx, timeouts) before answering 503. Keep it under the data
        /// action's own timeout (`config_timeout_seconds`, 10 s in the shipped Terraform), or Genesys gives
        /// up first. The contact upsert is never cut off (Genesys may still be applying it), so a stalled
        /// upsert can hold an answer up to its request timeout. Default 7 s, at least 1 s.
        public var messagingContextDeadline: Duration

        /// Creates options.
        /// - Parameters:
        ///   - sealingKey: At least 32 bytes; default random.
        ///   - mappingLifetime: Default 24 hours.
        ///   - messagingContextDeadline: Default 7 s.
        public init(sealingKey: Secret? = nil, mappingLifetime: Duration = .seconds(86_400), messagingContextDeadline: Duration = .seconds(7)) {
            self.sealingKey = sealingKey ?? Self.randomKey()
            self.mappingLifetime = mappingLifetime
            self.messagingContextDeadline = max(messagingContextDeadline, .seconds(1))
        }

        static func randomKey() -> Secret {
            // libcrypto's CSPRNG; if it ever failed, the system generator is the fallback, never a constant.
            let bytes = (try? SecureRandom.bytes(32)) ?? (0..<32).map { _ in UInt8.random(in: 0...255) }
            return Secret(Base64URL.encode(bytes))
        }
    }
}
