/// What ``OneTimeCodeStore/consume(_:)`` found.
public enum CodeConsumption: Sendable, Hashable {
    /// The first consumption: the stored payload.
    case first([UInt8])
    /// The code was consumed before and has not expired: its payload, so the caller can revoke what
    /// the first consumption issued.
    case repeated([UInt8])
    /// No such code, or it expired.
    case unknown
}
