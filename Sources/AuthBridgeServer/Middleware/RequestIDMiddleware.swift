public import Hummingbird
import Logging
import Synchronization

/// Gives every request a correlation id: the caller's `X-Request-Id` when it is short and plain,
/// otherwise the id Hummingbird already gave the request. The id goes into
/// ``AuthBridgeRequestContext/requestID``, the request logger's `hb.request.id` metadata (a caller's id
/// replaces Hummingbird's there, so one key always holds it) and the response's `X-Request-Id` header.
///
/// A caller's id is accepted only if it is 1–64 characters of `A-Z a-z 0-9 - _ .`, so it can neither
/// forge log lines nor smuggle a token into the logs at length. Reusing Hummingbird's id spares each
/// request a logger-metadata write, which some log handlers pay for by re-rendering all metadata.
public struct RequestIDMiddleware: RouterMiddleware {
    /// The context this middleware runs with.
    public typealias Context = AuthBridgeRequestContext

    /// Creates the middleware.
    public init() {}

    /// Sets the id, calls the next responder and echoes the id.
    /// - Parameters:
    ///   - request: The request.
    ///   - context: Its context.
    ///   - next: The rest of the chain.
    /// - Returns: The response with `X-Request-Id`.
    public func handle(
        _ request: Request,
        context: AuthBridgeRequestContext,
        next: (Request, AuthBridgeRequestContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        let id: String
        if let given = request.headers[.requestID], Self.isAcceptable(given) {
            id = given
            context.logger[metadataKey: Self.metadataKey] = .string(given)
        } else if let assigned = context.logger[metadataKey: Self.metadataKey]?.description {
            id = assigned
        } else {
            id = Self.generate()
            context.logger[metadataKey: Self.metadataKey] = .string(id)
        }
        context.requestID = id
        var response = try await next(request, context)
        response.headers[.requestID] = id
        return response
    }

    /// Hummingbird's key for its own request id, reused for ours.
    static let metadataKey = "hb.request.id"

    static func isAcceptable(_ id: String) -> Bool {
        let utf8 = id.utf8
        guard (1...64).contains(utf8.count) else { return false }
        return utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
                return true
            default:
                return false
            }
        }
    }

    /// For loggers Hummingbird did not label: a random 64-bit prefix per process and a 64-bit counter,
    /// as 32 lowercase hex digits. An id only correlates; it is not a secret and may be guessable.
    static func generate() -> String {
        let sequence = Self.counter.wrappingAdd(1, ordering: .relaxed).oldValue
        let digits = Self.hexDigits
        return String(unsafeUninitializedCapacity: 32) { buffer in
            var high = Self.processPrefix
            var low = sequence
            for index in 0..<16 {
                buffer[15 - index] = digits[Int(high & 0xF)]
                buffer[31 - index] = digits[Int(low & 0xF)]
                high >>= 4
                low >>= 4
            }
            return 32
        }
    }

    private static let processPrefix = UInt64.random(in: .min ... .max)
    private static let counter = Atomic<UInt64>(0)
    private static let hexDigits = Array("0123456789abcdef".utf8)
}
