import Synchronization

/// The first few protected headers a verifier saw on tokens whose signature verified, with the key
/// each selected.
///
/// Tokens from one issuer repeat one header byte for byte, and everything decided from it (strict
/// JSON, `alg`, `crit`, the allow-lists, the key by `kid`) depends only on those bytes and the
/// verifier's immutable keys and options. A token whose header segment equals a remembered one reuses
/// that outcome instead of decoding, parsing and looking the key up again; the signature and the claims
/// are still checked on every token. Only headers of tokens that verified are remembered, so forged
/// tokens cannot fill the slots. Each slot is written once and read with one atomic load: no lock.
final class VerifiedHeaderCache: Sendable {
    /// One remembered header: its base64url segment, what it parsed to and the key it selected.
    final class Entry: Sendable {
        let segment: [UInt8]
        let header: JOSEHeader
        let key: JWTKey

        init(segment: [UInt8], header: JOSEHeader, key: JWTKey) {
            self.segment = segment
            self.header = header
            self.key = key
        }
    }

    // Four slots cover an issuer's key rotation; more distinct headers are simply parsed each time.
    private let slot0 = AtomicLazyReference<Entry>()
    private let slot1 = AtomicLazyReference<Entry>()
    private let slot2 = AtomicLazyReference<Entry>()
    private let slot3 = AtomicLazyReference<Entry>()

    init() {}

    /// The entry whose segment equals `segment`, if any.
    func entry(for segment: UnsafeBufferPointer<UInt8>) -> Entry? {
        for slot in 0..<4 {
            guard let entry = self.load(slot) else { return nil }
            let equal = entry.segment.withUnsafeBufferPointer { JSONMemberLocation.equal($0, segment) }
            if equal { return entry }
        }
        return nil
    }

    /// Remembers a verified header in the first free slot; does nothing when all are taken.
    func remember(segment: UnsafeBufferPointer<UInt8>, header: JOSEHeader, key: JWTKey) {
        let entry = Entry(segment: Array(segment), header: header, key: key)
        for slot in 0..<4 where self.load(slot) == nil {
            if self.store(entry, in: slot) === entry { return }
        }
    }

    private func load(_ slot: Int) -> Entry? {
        switch slot {
        case 0: self.slot0.load()
        case 1: self.slot1.load()
        case 2: self.slot2.load()
        default: self.slot3.load()
        }
    }

    private func store(_ entry: Entry, in slot: Int) -> Entry {
        switch slot {
        case 0: self.slot0.storeIfNil(entry)
        case 1: self.slot1.storeIfNil(entry)
        case 2: self.slot2.storeIfNil(entry)
        default: self.slot3.storeIfNil(entry)
        }
    }
}
