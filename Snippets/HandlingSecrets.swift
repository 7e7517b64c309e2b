// Handling secrets: the "Handling secrets" article's examples, compiled.
import AsyncHTTPClient
import AuthBridgeCore
import Logging

// snippet.hide
let logger = Logger(label: "snippet")
func use(_ token: AccessToken, expected: Secret, request: HTTPClientRequest) {
    var request = request
    // snippet.show
    // ✅ Where the value must leave the process.
    request.headers.add(name: "Authorization", value: "Bearer \(token.value.revealed)")

    // ✅ Comparing in constant time, without building a new string.
    let matches = token.value == expected
    // snippet.hide
    _ = matches
    // snippet.show

    // ❌ Prints <redacted>, which is the point; but never work around it:
    logger.info("got token \(token.value.revealed)")
    // snippet.hide
}
