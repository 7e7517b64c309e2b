import AuthBridge

/// What the demo prints: readable lines on a terminal, or one JSON object per step with `--json`.
/// Values that are secrets arrive already redacted.
struct DemoPrinter: Sendable {
    let json: Bool

    func section(_ title: String) {
        if self.json {
            print(JSONValue.object(["section": .string(title)]).serialized)
        } else {
            print("\n== \(title)")
        }
    }

    func step(_ ok: Bool, _ what: String, _ details: [(String, String)] = []) {
        if self.json {
            var object: JSONObject = ["ok": .bool(ok), "step": .string(what)]
            for (name, value) in details { object[name] = .string(value) }
            print(JSONValue.object(object).serialized)
        } else {
            print("  \(ok ? "✓" : "✗") \(what)")
            for (name, value) in details { print("      \(name): \(value)") }
        }
    }

    func note(_ text: String) {
        if self.json {
            print(JSONValue.object(["note": .string(text)]).serialized)
        } else {
            print("  \(text)")
        }
    }

    /// A secret's shape without its value.
    static func redacted(_ secret: String?) -> String {
        guard let secret else { return "(none)" }
        return "<redacted, \(secret.utf8.count) bytes>"
    }
}
