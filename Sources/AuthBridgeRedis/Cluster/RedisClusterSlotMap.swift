/// Which master serves each of Redis Cluster's 16384 slots, as `CLUSTER SLOTS` last told.
///
/// A flat table (two bytes a slot) so routing a command is one index, not a search.
struct RedisClusterSlotMap: Sendable {
    private static let unowned = UInt16.max

    private(set) var masters: [RedisEndpoint] = []
    private var owners = [UInt16](repeating: RedisClusterSlotMap.unowned, count: RedisHashSlot.count)

    /// Whether no slot has a known owner (before the first read of the map).
    var isEmpty: Bool { self.masters.isEmpty }

    /// The master serving `slot`, if known.
    func owner(of slot: Int) -> RedisEndpoint? {
        let index = self.owners[slot]
        return index == Self.unowned ? nil : self.masters[Int(index)]
    }

    /// Records that `endpoint` now serves `slot` (a `MOVED` reply), until the next full read.
    mutating func assign(_ slot: Int, to endpoint: RedisEndpoint) {
        if let index = self.masters.firstIndex(of: endpoint) {
            self.owners[slot] = UInt16(index)
        } else if self.masters.count < Int(Self.unowned) {
            self.owners[slot] = UInt16(self.masters.count)
            self.masters.append(endpoint)
        }
    }

    /// Reads a `CLUSTER SLOTS` reply: `[[start, end, [host, port, id, …], replica…], …]`. An empty or
    /// NULL host means the node that answered (`queried`); `?` (an endpoint the node does not know) leaves the
    /// range unowned. Throws ``RedisError/Code/unexpectedReply`` for any other shape.
    init(clusterSlots reply: RESPValue, queried: RedisEndpoint) throws(RedisError) {
        guard let ranges = reply.elements else { throw Self.unexpected }
        for range in ranges {
            guard let parts = range.elements, parts.count >= 3,
                let start = parts[0].integer, let end = parts[1].integer,
                start >= 0, start <= end, end < Int64(RedisHashSlot.count),
                let master = parts[2].elements, master.count >= 2,
                let port = master[1].integer, (1...65_535).contains(port)
            else { throw Self.unexpected }
            // NULL (`cluster-preferred-endpoint-type unknown-endpoint`) means the node asked, as "" does.
            let hostBytes: [UInt8]
            if master[0] == .null {
                hostBytes = []
            } else if let bytes = master[0].bytes {
                hostBytes = bytes
            } else {
                throw Self.unexpected
            }
            let host = String(decoding: hostBytes, as: UTF8.self)
            guard host != "?" else { continue }
            guard RedisEndpoint.isHostText(host[...]) else { throw Self.unexpected }
            let endpoint = RedisEndpoint(host: host.isEmpty ? queried.host : host, port: Int(port))
            for slot in Int(start)...Int(end) { self.assign(slot, to: endpoint) }
        }
        guard !self.masters.isEmpty else { throw RedisError(.unexpectedReply, "CLUSTER SLOTS named no master", command: "CLUSTER") }
    }

    init() {}

    private static let unexpected = RedisError(.unexpectedReply, "CLUSTER SLOTS answered with an unexpected shape", command: "CLUSTER")
}
