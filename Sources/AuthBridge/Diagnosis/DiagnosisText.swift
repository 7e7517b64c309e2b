internal import AuthBridgeCore
import Foundation

/// Text helpers: escape and cap what came from outside, format numbers and times.
package enum DiagnosisText {
    /// Printable ASCII only, at most `limit` characters, so a hostile value cannot forge log lines.
    package static func printable(_ value: String, limit: Int = 64) -> String {
        LogText.printable(value, limit: limit)
    }

    /// `42 s`, `1.5 s`, `3 min 5 s`, `2 h 1 min`.
    static func seconds(_ value: Double) -> String {
        let magnitude = abs(value)
        if magnitude < 10, magnitude != magnitude.rounded() {
            return String(format: "%.1f s", magnitude)
        }
        let whole = Int(min(magnitude, 1e12).rounded())
        if whole < 120 { return "\(whole) s" }
        if whole < 7200 { return "\(whole / 60) min \(whole % 60) s" }
        return "\(whole / 3600) h \((whole % 3600) / 60) min"
    }

    /// A NumericDate as ISO 8601 UTC, for people.
    static func time(_ seconds: Double) -> String {
        guard seconds.isFinite, abs(seconds) < 253_402_300_800 else { return "\(seconds)" }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// Parses an HTTP `Date` (IMF-fixdate, RFC 9110 §5.6.7), as seconds since 1970.
    static func httpDate(_ text: String) -> Double? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text.trimmingCharacters(in: .whitespaces))?.timeIntervalSince1970
    }

    /// A Zendesk API token: 40 letters and digits (the shape only; the value is never read otherwise).
    static func looksLikeZendeskAPIToken(_ secret: Secret) -> Bool {
        secret.byteCount == 40
            && secret.withUnsafeBytes { bytes in
                bytes.allSatisfy { (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }
            }
    }
}

extension DiagnosisText {
    /// Replaces any occurrence of a known secret with `<redacted>`: a last guard in case a peer echoed one.
    static func scrub(_ text: String, removing secrets: [Secret]) -> String {
        var text = text
        for secret in secrets where text.contains(secret.revealed) {
            text = text.replacingOccurrences(of: secret.revealed, with: "<redacted>")
        }
        return text
    }
}

extension Diagnosis.Evidence {
    func scrubbed(removing secrets: [Secret]) -> Diagnosis.Evidence {
        guard !secrets.isEmpty else { return self }
        let clean = { (text: String?) in text.map { DiagnosisText.scrub($0, removing: secrets) } }
        var copy = self
        copy.error = clean(self.error)
        copy.operation = clean(self.operation)
        copy.peerCode = clean(self.peerCode)
        copy.peerMessage = clean(self.peerMessage)
        copy.correlationID = clean(self.correlationID)
        copy.contextID = clean(self.contextID)
        copy.requestID = clean(self.requestID)
        copy.field = clean(self.field)
        copy.tokenKeyID = clean(self.tokenKeyID)
        copy.knownKeyIDs = self.knownKeyIDs.map { DiagnosisText.scrub($0, removing: secrets) }
        return copy
    }
}
