import NIOCore

/// The RESP decoder as the fuzz targets (`authbridge-fuzz`) and their corpus tests drive it: outside
/// bytes in, replies decoded until the input runs out or is refused, and each reply also read as a
/// Redis Cluster node would have it read (a `CLUSTER SLOTS` map, a `MOVED`/`ASK` error). Never traps.
package enum RedisFuzzedParsers {
    /// Decodes every complete reply in `bytes`.
    package static func replies(_ bytes: UnsafeRawBufferPointer) {
        var buffer = ByteBuffer(bytes: bytes)
        var decoder = RESPDecoder()
        while let reply = try? decoder.decode(&buffer) {
            _ = try? RedisClusterSlotMap(clusterSlots: reply, queried: RedisEndpoint(host: "127.0.0.1", port: 7000))
            if case .error(let message) = reply { _ = RedisRedirect(errorReply: message) }
        }
    }
}
