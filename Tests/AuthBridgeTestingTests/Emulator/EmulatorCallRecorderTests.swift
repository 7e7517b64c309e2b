import Hummingbird
import Testing

@testable import AuthBridgeTesting

/// The recorder keeps every call by default, and only the newest within its limit, with answers still
/// landing on their own call after older ones are forgotten.
@Suite struct EmulatorCallRecorderTests {
    static func call(_ path: String) -> RecordedCall {
        RecordedCall(method: .get, path: path, query: nil, headers: [:], body: [])
    }

    @Test func keepsEveryCallWithoutALimit() {
        let recorder = EmulatorCallRecorder()
        for index in 0..<2_000 { recorder.record(Self.call("/\(index)")) }
        #expect(recorder.all.count == 2_000)
    }

    @Test func keepsTheNewestWithinTheLimitAndAnswersFindTheirCall() {
        let recorder = EmulatorCallRecorder()
        recorder.limit = 100
        var positions: [Int] = []
        for index in 0..<250 { positions.append(recorder.append(Self.call("/\(index)"))) }
        #expect(recorder.all.count <= 100)
        #expect(recorder.all.last?.path == "/249")
        // The answer of a kept call lands on it; the answer of a forgotten one lands nowhere.
        recorder.recordResponse(at: positions[249], status: 201)
        recorder.recordResponse(at: positions[0], status: 500)
        #expect(recorder.all.last?.responseStatus == 201)
        #expect(!recorder.all.contains { $0.responseStatus == 500 })
        // Cleared calls are forgotten the same way: a late answer does not land on a new call.
        recorder.clear()
        let fresh = recorder.append(Self.call("/fresh"))
        recorder.recordResponse(at: positions[248], status: 503)
        #expect(recorder.all.map(\.path) == ["/fresh"])
        #expect(recorder.all.first?.responseStatus == nil)
        recorder.recordResponse(at: fresh, status: 200)
        #expect(recorder.all.first?.responseStatus == 200)
    }
}
