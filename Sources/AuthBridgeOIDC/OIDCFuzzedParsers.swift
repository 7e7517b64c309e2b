/// The token endpoint's form reader as the fuzz targets (`authbridge-fuzz`) and their corpus tests drive
/// it: outside bytes in, parameters or a refusal out. Never traps.
package enum OIDCFuzzedParsers {
    /// Reads `bytes` as an `application/x-www-form-urlencoded` token request body.
    package static func formBody(_ bytes: UnsafeRawBufferPointer) {
        _ = try? FormBody(Array(bytes))
    }
}
