import NIOCore

/// The RESP decoder as the fuzz targets (`authbridge-fuzz`) and their corpus tests drive it: outside
/// bytes in, replies decoded until the input runs out or is refused. Never traps.
package enum RedisFuzzedParsers {
    /// Decodes every complete reply in `bytes`.
    package static func replies(_ bytes: UnsafeRawBufferPointer) {
        var buffer = ByteBuffer(bytes: bytes)
        var decoder = RESPDecoder()
        while (try? decoder.decode(&buffer)) != nil {}
    }
}
