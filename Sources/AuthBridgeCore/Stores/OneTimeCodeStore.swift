/// Short-lived, single-use codes (OpenID Connect authorization codes), stored by a key derived from
/// the code (its hash, never the code itself).
///
/// Consumption is atomic: of any number of concurrent `consume` calls for one key, exactly one sees
/// ``CodeConsumption/first(_:)``. Later calls see ``CodeConsumption/repeated(_:)`` until the code
/// expires, so a provider can revoke what the first redemption issued (OAuth 2.0 security BCP).
/// Payloads are opaque bytes, so a shared store (Redis) keeps them as they are.
public protocol OneTimeCodeStore: Sendable {
    /// Stores `payload` under `key` for `lifetime`.
    ///
    /// - Returns: `false` when `key` is already present (nothing is changed).
    func insert(_ payload: [UInt8], forKey key: String, lifetime: Duration) async throws -> Bool

    /// Consumes the code stored under `key`.
    func consume(_ key: String) async throws -> CodeConsumption
}
