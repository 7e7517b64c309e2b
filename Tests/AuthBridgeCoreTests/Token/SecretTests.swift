import Testing

@testable import AuthBridgeCore

@Suite("Secret")
struct SecretTests {
    let secret = Secret("hunter2-very-secret")

    @Test func printsOnlyARedaction() {
        #expect(self.secret.description == "<redacted>")
        #expect(self.secret.debugDescription == "<redacted>")
        #expect("\(self.secret)" == "<redacted>")
        #expect(String(reflecting: self.secret) == "<redacted>")
        var dumped = ""
        dump(self.secret, to: &dumped)
        #expect(!dumped.contains("hunter2"))
        #expect(Mirror(reflecting: self.secret).children.isEmpty)
        #expect(!"\([self.secret])".contains("hunter2"))
        #expect(!"\(Optional(self.secret) as Any)".contains("hunter2"))
    }

    @Test func revealsOnlyOnRequest() {
        #expect(self.secret.revealed == "hunter2-very-secret")
        #expect(self.secret.withUnsafeBytes { Array($0) } == Array("hunter2-very-secret".utf8))
        #expect(self.secret.byteCount == 19)
        #expect(!self.secret.isEmpty)
        #expect(Secret("").isEmpty)
    }

    @Test func comparesByValue() {
        #expect(self.secret == Secret("hunter2-very-secret"))
        #expect(self.secret != Secret("hunter2-very-secreT"))
        #expect(self.secret != Secret("hunter2"))
        #expect(Secret("") == Secret(""))
        #expect(Secret("a") != Secret(""))
    }

    @Test func constantTimeCompareHandlesUnequalLengths() {
        let long: [UInt8] = [1, 2, 3, 0]
        let short: [UInt8] = [1, 2, 3]
        let equal = long.withUnsafeBytes { l in short.withUnsafeBytes { s in Secret.constantTimeEquals(l, s) } }
        #expect(!equal)
    }
}
