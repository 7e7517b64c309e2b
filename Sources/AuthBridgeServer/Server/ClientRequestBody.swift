package import Hummingbird
package import Logging
import NIOCore
import NIOHTTP1

/// Reading a route's request body, where a failure can only be the client's: a malformed chunked body
/// or a hang-up mid-body is a 400 logged at debug, never a 500 and an error log that anyone could raise
/// at will. Classified here, at the source, so an upstream failure elsewhere in a route stays a 500.
package enum ClientRequestBody {
    /// The body, at most `limit` bytes.
    /// - Throws: An HTTP error answered `{"error"}`: 413 when larger, 400 when the client broke the request.
    package static func collect(_ request: inout Request, upTo limit: Int, logger: Logger) async throws -> ByteBuffer {
        do {
            return try await request.collectBody(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw FrontRefusal.tooLarge
        } catch let error as any HTTPResponseError {
            throw error
        } catch {
            logger.debug("request body broken by the client", metadata: ["error.type": .string(String(reflecting: type(of: error)))])
            throw FrontRefusal(.badRequest, "malformed request body")
        }
    }
}
