import Foundation

/// An `application/x-www-form-urlencoded` body as the emulators read it: `+` is a space, a name sent
/// twice keeps its last value (tests that care about repeats read the raw body).
enum EmulatorForm {
    static func fields(_ body: some Sequence<UInt8>) -> [String: String] {
        var form: [String: String] = [:]
        for pair in String(decoding: Array(body), as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (text: Substring) in
                String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
            }
            form[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return form
    }
}
