/// A secret value (an access token, a client secret, a session credential) that never prints itself.
///
/// `description`, `debugDescription`, string interpolation and `dump` all show `<redacted>`; the value
/// is only reachable through ``revealed`` or ``withUnsafeBytes(_:)``, so every place that reads it is
/// easy to find in review. Two secrets compare in time that depends only on their lengths.
///
/// ```swift
/// let secret = Secret("s3cr3t")
/// let shown = "\(secret)"          // "<redacted>"
/// let header = "Bearer " + secret.revealed
/// ```
public struct Secret: Sendable {
    @usableFromInline
    let value: String

    /// Wraps a secret string.
    /// - Parameter value: The secret. It is kept as is and never printed.
    public init(_ value: String) {
        self.value = value
    }

    /// The secret in the clear. Use it only where the value must leave the process, for example in an
    /// `Authorization` header; never log it.
    public var revealed: String {
        self.value
    }

    /// Calls `body` with the secret's UTF-8 bytes, without copying them into a new string.
    /// - Parameter body: A closure that reads the bytes. The buffer is valid only during the call.
    /// - Returns: What `body` returns.
    public func withUnsafeBytes<Result>(
        _ body: (UnsafeRawBufferPointer) throws -> Result
    ) rethrows -> Result {
        var copy = self.value
        return try copy.withUTF8 { try body(UnsafeRawBufferPointer($0)) }
    }

    /// The number of UTF-8 bytes in the secret. Lengths are not secret for tokens; they help diagnose
    /// truncation.
    public var byteCount: Int {
        self.value.utf8.count
    }

    /// Whether the secret is the empty string.
    public var isEmpty: Bool {
        self.value.isEmpty
    }
}

extension Secret: Equatable {
    /// Compares two secrets in time that depends only on their lengths, never on where they differ.
    public static func == (lhs: Secret, rhs: Secret) -> Bool {
        lhs.withUnsafeBytes { left in
            rhs.withUnsafeBytes { right in
                Secret.constantTimeEquals(left, right)
            }
        }
    }

    static func constantTimeEquals(_ left: UnsafeRawBufferPointer, _ right: UnsafeRawBufferPointer) -> Bool {
        // Walk the longer buffer whole so the loop length does not depend on the first difference.
        let length = Swift.max(left.count, right.count)
        var difference: UInt8 = left.count == right.count ? 0 : 1
        for index in 0..<length {
            let a = index < left.count ? left[index] : 0
            let b = index < right.count ? right[index] : 0
            difference |= a ^ b
        }
        return difference == 0
    }
}

extension Secret: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Always `<redacted>`.
    public var description: String { "<redacted>" }

    /// Always `<redacted>`.
    public var debugDescription: String { "<redacted>" }

    /// A mirror with no children, so `dump` and reflection-based printers show nothing of the value.
    public var customMirror: Mirror {
        Mirror(self, children: [], displayStyle: .struct)
    }
}
