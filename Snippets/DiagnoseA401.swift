// Diagnosing a refused credential: the "Why did it answer 401?" article's example, compiled.
import AuthBridge
import Logging

// snippet.hide
let logger = Logger(label: "snippet")
func check(_ credential: Secret, messagingValidator: ZendeskMessagingJWTValidator) async {
    // snippet.show
    do {
        let session = try await messagingValidator.validate(credential, logger: logger)
        // …
        // snippet.hide
        _ = session
        // snippet.show
    } catch {
        let diagnosis = Diagnosis.diagnose(
            error,
            at: .zendeskValidation,
            token: credential,  // header and times only, never verified
            context: DiagnosisContext(knownKeyIDs: ["app_65f1…", "app_65f2…"])
        )
        logger.warning("\(diagnosis.summary)")  // one line
        print(diagnosis.rendered)  // multi-line, for the CLI
        print(diagnosis.json)  // for --json
    }
    // snippet.hide
}
