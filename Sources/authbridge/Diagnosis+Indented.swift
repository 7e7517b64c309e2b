import AuthBridge

extension Diagnosis {
    /// ``rendered``, every line indented by four spaces, to stand under the line of the check it explains.
    var indented: String {
        self.rendered.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n")
    }
}
