public import Hummingbird

/// Something an emulator does instead of (or before) answering a request normally.
///
/// Inject faults with ``EmulatorFaults/inject(_:on:count:)``. One model serves every emulator, so a test
/// of a Zendesk client and a test of a Genesys client fail the same way.
///
/// ```swift
/// emulator.faults.inject(.respond(status: .serviceUnavailable), on: EmulatorRoute(.get, "/api/**"), count: .times(2))
/// emulator.faults.inject(.dropConnection, on: EmulatorRoute(nil, "/oauth/token"))
/// ```
public struct EmulatorFault: Sendable, CustomStringConvertible {
    enum Kind: Sendable {
        case respond(status: HTTPResponse.Status, headers: HTTPFields, body: [UInt8])
        case delay(Duration)
        case dropConnection
        case malformedBody
        case oversizedBody(byteCount: Int)
    }

    let kind: Kind

    private init(_ kind: Kind) {
        self.kind = kind
    }

    /// Answers with `status`, `headers` and `body` instead of the route's normal response.
    /// - Parameters:
    ///   - status: The status to send.
    ///   - headers: Headers to send; `Content-Length` is set from the body.
    ///   - body: The body, often a JSON error document.
    /// - Returns: The fault.
    public static func respond(status: HTTPResponse.Status, headers: HTTPFields = [:], body: String = "") -> EmulatorFault {
        EmulatorFault(.respond(status: status, headers: headers, body: Array(body.utf8)))
    }

    /// Waits `duration` (real time, on the server), then answers normally: for client timeout tests.
    /// - Parameter duration: How long to wait before answering.
    /// - Returns: The fault.
    public static func delay(_ duration: Duration) -> EmulatorFault {
        EmulatorFault(.delay(duration))
    }

    /// Closes the connection without sending any part of a response.
    public static let dropConnection = EmulatorFault(.dropConnection)

    /// Answers `200 OK` with `Content-Type: application/json` and a body that is not valid JSON.
    public static let malformedBody = EmulatorFault(.malformedBody)

    /// Answers `200 OK` with a valid JSON object of `byteCount` bytes (at least 16), to test body size caps.
    /// - Parameter byteCount: The body's size in bytes.
    /// - Returns: The fault.
    public static func oversizedBody(byteCount: Int) -> EmulatorFault {
        EmulatorFault(.oversizedBody(byteCount: max(byteCount, 16)))
    }

    /// The fault's kind and parameters, for example `respond(503)` or `delay(0.2 seconds)`.
    public var description: String {
        switch self.kind {
        case .respond(let status, _, _): "respond(\(status.code))"
        case .delay(let duration): "delay(\(duration))"
        case .dropConnection: "dropConnection"
        case .malformedBody: "malformedBody"
        case .oversizedBody(let count): "oversizedBody(\(count) bytes)"
        }
    }
}
