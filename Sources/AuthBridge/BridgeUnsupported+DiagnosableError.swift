import AuthBridgeCore

extension BridgeUnsupported: DiagnosableError {
    /// A retired widget is `retiredAPI` for that widget; the other refusals carry no facts (their text,
    /// ours, is logged beside the diagnosis).
    var diagnosticFacts: DiagnosticFacts {
        if case .retiredWidget(let widget) = self {
            return DiagnosticFacts(origin: "bridge", code: "retiredAPI", operation: "widget \(widget)")
        }
        return DiagnosticFacts(origin: "other")
    }
}
