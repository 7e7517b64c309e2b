/// A Redis Cluster redirection: `MOVED <slot> <host>:<port>` (the slot has a new owner) or
/// `ASK <slot> <host>:<port>` (this one command goes to a node importing the slot, after `ASKING`).
///
/// Its text names a slot and an address, never a key or an argument, so it is safe to keep.
struct RedisRedirect: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case moved
        case ask
    }

    let kind: Kind
    let slot: Int
    let endpoint: RedisEndpoint

    /// Reads an error reply's text; `nil` unless it is a well-formed `MOVED` or `ASK`.
    init?(errorReply message: [UInt8]) {
        let words = message.prefix(256).split(separator: UInt8(ascii: " "), omittingEmptySubsequences: true)
        guard words.count == 3 else { return nil }
        switch String(decoding: words[0], as: UTF8.self) {
        case "MOVED": self.kind = .moved
        case "ASK": self.kind = .ask
        default: return nil
        }
        guard let slot = Int(String(decoding: words[1], as: UTF8.self)), (0..<RedisHashSlot.count).contains(slot),
            let endpoint = RedisEndpoint(hostAndPort: String(decoding: words[2], as: UTF8.self))
        else { return nil }
        self.slot = slot
        self.endpoint = endpoint
    }
}
