public import AuthBridge

/// One step of ``AuthBridgeApplication/doctor()``: what was checked, whether it passed, and why not.
public struct DoctorCheck: Sendable {
    /// What was checked, in plain English.
    public let name: String
    /// Whether it passed.
    public let passed: Bool
    /// What was seen (never a secret).
    public let detail: String
    /// Why it failed, for a failed check that reached a peer or a validator.
    public let diagnosis: Diagnosis?

    /// The check as JSON.
    public var json: JSONObject {
        var object: JSONObject = ["check": .string(self.name), "passed": .bool(self.passed), "detail": .string(self.detail)]
        if let diagnosis, let value = try? JSONValue(parsing: diagnosis.json) { object["diagnosis"] = value }
        return object
    }
}
