import Synchronization

/// The first few protected headers a verifier saw on tokens whose signature verified, with the key
/// each selected.
///
/// Tokens from one issuer repeat one header byte for byte, and everything decided from it (strict
/// JSON, `alg`, `crit`, the allow-lists, the key by `kid`) depends only on those bytes and the
/// verifier's immutable keys and options. A token whose header segment equals a remembered one reuses
/// that outcome instead of decoding, parsing and looking the key up again; the signature and the claims
/// are still checked on every token. Only headers of tokens that verified are remembered, so forged
/// tokens cannot fill the slots.
///
/// Each slot is written once and read with one atomic load, no lock. The slots hold retained entries as
/// plain integers: `AtomicLazyReference` looked up its generic metadata on every load, which cost more
/// than the comparison it guards.
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
    // Each holds 0 or the bit pattern of an `Unmanaged<Entry>` retained until deinit.
    private let slot0 = Atomic<Int>(0)
    private let slot1 = Atomic<Int>(0)
    private let slot2 = Atomic<Int>(0)
    private let slot3 = Atomic<Int>(0)

    init() {}

    deinit {
        for index in 0..<4 {
            let bits = self.load(index)
            if let pointer = UnsafeRawPointer(bitPattern: bits) { Unmanaged<Entry>.fromOpaque(pointer).release() }
        }
    }

    /// The entry whose segment equals `segment`, if any.
    func entry(for segment: UnsafeBufferPointer<UInt8>) -> Entry? {
        for index in 0..<4 {
            guard let pointer = UnsafeRawPointer(bitPattern: self.load(index)) else { return nil }
            // Never released before deinit, so borrowing it for this call is safe.
            let entry = Unmanaged<Entry>.fromOpaque(pointer).takeUnretainedValue()
            let equal = entry.segment.withUnsafeBufferPointer { JSONMemberLocation.equal($0, segment) }
            if equal { return entry }
        }
        return nil
    }

    /// Remembers a verified header in the first free slot; does nothing when all are taken.
    func remember(segment: UnsafeBufferPointer<UInt8>, header: JOSEHeader, key: JWTKey) {
        let retained = Unmanaged.passRetained(Entry(segment: Array(segment), header: header, key: key))
        let bits = Int(bitPattern: retained.toOpaque())
        for index in 0..<4 where self.claim(index, with: bits) { return }
        retained.release()
    }

    private func load(_ index: Int) -> Int {
        switch index {
        case 0: self.slot0.load(ordering: .acquiring)
        case 1: self.slot1.load(ordering: .acquiring)
        case 2: self.slot2.load(ordering: .acquiring)
        default: self.slot3.load(ordering: .acquiring)
        }
    }

    /// Stores `bits` in an empty slot; false when the slot was already taken.
    private func claim(_ index: Int, with bits: Int) -> Bool {
        switch index {
        case 0: self.slot0.compareExchange(expected: 0, desired: bits, ordering: .acquiringAndReleasing).exchanged
        case 1: self.slot1.compareExchange(expected: 0, desired: bits, ordering: .acquiringAndReleasing).exchanged
        case 2: self.slot2.compareExchange(expected: 0, desired: bits, ordering: .acquiringAndReleasing).exchanged
        default: self.slot3.compareExchange(expected: 0, desired: bits, ordering: .acquiringAndReleasing).exchanged
        }
    }
}
