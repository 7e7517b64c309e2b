/// Text from outside (a request, a peer) made safe for a log line or a metric label.
package enum LogText {
    /// Printable ASCII only, every other scalar (newlines, controls, non-ASCII, the backslash itself)
    /// escaped as `\u{…}`, at most `limit` scalars and then `…`: a hostile value cannot forge a line,
    /// hide in the terminal, or flood the log.
    package static func printable(_ value: String, limit: Int = 64) -> String {
        var out = ""
        for scalar in value.unicodeScalars.prefix(limit) {
            if scalar.value >= 0x20 && scalar.value < 0x7F && scalar != "\\" {
                out.unicodeScalars.append(scalar)
            } else {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            }
        }
        if value.unicodeScalars.count > limit { out += "…" }
        return out
    }
}
