/// Why an emulator could not start or did not answer.
public struct EmulatorError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Code: String, Hashable, Sendable {
        case startFailed
        case connectionDropped
    }

    private let code: Code
    /// What happened, without secrets.
    public let reason: String

    private init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    /// The server did not start listening.
    /// - Parameter reason: Why.
    /// - Returns: The error.
    public static func startFailed(_ reason: String) -> EmulatorError {
        EmulatorError(.startFailed, reason)
    }

    /// Thrown inside the server after a ``EmulatorFault/dropConnection`` fault closed the connection.
    public static let connectionDropped = EmulatorError(.connectionDropped, "the fault closed the connection")

    /// The code and reason.
    public var description: String { "EmulatorError.\(self.code.rawValue): \(self.reason)" }
}
