import AuthBridgeCore
import Foundation
import Testing

@Suite("Transcript")
struct TranscriptTests {
    private let transcript = Transcript(
        source: "zendesk.chat",
        conversationID: "1704.2314815.QHgVx6SOrRuSx",
        messages: [
            TranscriptMessage(role: .customer, displayName: "Ada", timestamp: 1, text: "Hello", originalType: "chat.msg"),
            TranscriptMessage(
                role: .agent,
                displayName: "Bo",
                timestamp: 2,
                attachments: [TranscriptAttachment(url: "https://files.example/a.png", name: "a.png")],
                originalType: "chat.file"
            ),
            TranscriptMessage(role: .system, originalType: "chat.future_thing", details: ["x": 1]),
        ]
    )

    @Test("plain text lists roles, names, text or type, and attachment links")
    func plainText() {
        let text = self.transcript.plainText()
        #expect(
            text == """
                [customer] Ada: Hello
                [agent] Bo: (chat.file) <https://files.example/a.png>
                [system]: (chat.future_thing)
                """
        )
    }

    @Test("plain text stops at the maximum length and says so")
    func plainTextCap() {
        let text = self.transcript.plainText(maximumLength: 30)
        #expect(text == "[customer] Ada: Hello\n(transcript shortened)")
        var truncated = self.transcript
        truncated.isTruncated = true
        #expect(truncated.plainText().hasPrefix("(older messages not shown)\n"))
    }

    @Test("round-trips through JSON; an unknown role decodes as system")
    func codable() throws {
        let data = try JSONEncoder().encode(self.transcript)
        #expect(try JSONDecoder().decode(Transcript.self, from: data) == self.transcript)
        let role = try JSONDecoder().decode([TranscriptAuthorRole].self, from: Data(#"["agent","moderator"]"#.utf8))
        #expect(role == [.agent, .system])
    }

    @Test("customer context keeps every field")
    func context() throws {
        let context = CustomerContext(
            sourceUserID: "v1",
            externalID: "e1",
            tags: ["vip"],
            ticketID: "42",
            pagePath: "/pricing",
            attributes: ["city": "Oslo"]
        )
        let data = try JSONEncoder().encode(context)
        #expect(try JSONDecoder().decode(CustomerContext.self, from: data) == context)
    }
}
