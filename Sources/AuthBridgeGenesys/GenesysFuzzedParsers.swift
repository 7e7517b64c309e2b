import AuthBridgeJWT
import NIOHTTP1

/// Genesys's answers as the fuzz targets (`authbridge-fuzz`) and their corpus tests drive the readers:
/// outside bytes in as a response body, read as each reader reads it. Never traps.
package enum GenesysFuzzedParsers {
    /// Reads `bytes` as an error answer (of the API and of the token endpoint), a JSON object answer, and
    /// an External Contact.
    package static func response(_ bytes: UnsafeRawBufferPointer) {
        let response = GenesysResponse(status: 429, headers: ["Retry-After": "3"], body: Array(bytes), operation: "fuzz")
        _ = GenesysError.from(response, isTokenEndpoint: false)
        _ = GenesysError.from(response, isTokenEndpoint: true)
        guard let object = try? response.jsonObject() else { return }
        _ = GenesysExternalContact(object)
        _ = try? response.string("id", in: object)
    }
}
