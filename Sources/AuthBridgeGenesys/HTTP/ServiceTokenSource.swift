internal import AuthBridgeCore

/// Where the service token comes from: a broker handle, erased so clients need not be generic over its clock.
struct ServiceTokenSource: Sendable {
    let token: @Sendable () async throws -> AccessToken
    let invalidate: @Sendable (AccessToken) -> Void
}
