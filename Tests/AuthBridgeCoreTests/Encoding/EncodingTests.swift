import AuthBridgeCore
import Testing

@Suite struct EncodingTests {
    @Test func retryAfterReadsDeltaSecondsOnly() {
        #expect(RetryAfterHeader.duration("30") == .seconds(30))
        #expect(RetryAfterHeader.duration(" 7 \t") == .seconds(7))
        #expect(RetryAfterHeader.duration("999999999") == .seconds(86_400))
        #expect(RetryAfterHeader.duration("-1") == nil)
        #expect(RetryAfterHeader.duration("Wed, 21 Oct 2015 07:28:00 GMT") == nil)
        #expect(RetryAfterHeader.duration(nil) == nil)
    }

    @Test func pathSegmentsCannotChangeOrWalkUpThePath() {
        #expect(PathSegment.escaped("1704.2314815.QHgVx6SOrRuSx") == "1704.2314815.QHgVx6SOrRuSx")
        #expect(PathSegment.escaped("a/b?c#d%e f") == "a%2Fb%3Fc%23d%25e%20f")
        #expect(PathSegment.escaped("..") == "%2E%2E")
        #expect(PathSegment.escaped(".") == "%2E")
        #expect(PathSegment.escaped("é") == "%C3%A9")
    }

    @Test func loopbackIsThisMachineOnly() {
        for host in ["localhost", "LOCALHOST", "127.0.0.1", "127.1.2.3", "::1", "[::1]"] { #expect(LoopbackHost.contains(host)) }
        for host in ["127.0.0.1.evil.example", "10.0.0.1", "example.com", "localhost.example.com", "0.0.0.0"] {
            #expect(!LoopbackHost.contains(host))
        }
    }
}
