import AuthBridgeCore
import Foundation
import NIOHTTP1

/// A complete answer from Zendesk: status, headers and the (capped) body.
struct ZendeskResponse: Sendable {
    let status: Int
    let headers: HTTPHeaders
    let body: [UInt8]

    /// `Retry-After` in seconds, if present and sane (HTTP dates are not used by Zendesk).
    var retryAfter: Duration? {
        RetryAfterHeader.duration(self.headers.first(name: "Retry-After"))
    }

    var requestID: String? {
        self.headers.first(name: "X-Request-Id") ?? self.headers.first(name: "X-Zendesk-Request-Id")
    }

    /// Decodes the body as `T`.
    func decode<T: Decodable>(_ type: T.Type, operation: String) throws(ZendeskError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(self.body))
        } catch {
            throw ZendeskError(
                .malformedResponse,
                "the \(operation) response is not the JSON expected",
                status: self.status,
                requestID: self.requestID
            )
        }
    }

    /// The error this answer stands for, or `nil` for 2xx.
    func error(operation: String) -> ZendeskError? {
        guard !(200..<300).contains(self.status) else { return nil }
        let body = try? JSONDecoder().decode(ZendeskErrorBody.self, from: Data(self.body))
        let code: ZendeskError.Code
        switch self.status {
        case 401: code = .unauthorized
        case 403: code = .forbidden
        case 404: code = .notFound
        case 429: code = .rateLimited
        case 500...599: code = .serverError
        default: code = .unexpectedStatus
        }
        return ZendeskError(
            code,
            "Zendesk answered \(self.status) to \(operation)",
            status: self.status,
            zendeskError: body?.code,
            zendeskDescription: body?.text,
            retryAfter: self.retryAfter,
            requestID: self.requestID,
            serverDate: self.headers.first(name: "Date")
        )
    }
}
