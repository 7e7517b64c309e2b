import AuthBridgeJWT
import Foundation
import Testing

/// Finds the JOSE vectors: `$AUTHBRIDGE_VECTORS`, else `Tests/Vectors` in the package.
enum Vectors {
    static var directory: URL {
        if let path = ProcessInfo.processInfo.environment["AUTHBRIDGE_VECTORS"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Vectors")
    }

    /// The vector directory, or nil after recording a failure: a missing vector file fails the test,
    /// it never skips.
    static func require(_ file: String = "", sourceLocation: SourceLocation = #_sourceLocation) -> URL? {
        let directory = self.directory
        let wanted = file.isEmpty ? "README.md" : file
        if FileManager.default.fileExists(atPath: directory.appendingPathComponent(wanted).path) {
            return directory
        }
        Issue.record(
            Comment(rawValue: "JOSE vector \(wanted) not found in \(directory.path) (Tests/Vectors, or $AUTHBRIDGE_VECTORS)"),
            sourceLocation: sourceLocation
        )
        return nil
    }

    /// Maps a `JWTError` to the vector files' category names.
    static func category(_ error: JWTError) -> String {
        switch error.code {
        case .malformed: "malformed"
        case .tokenTooLarge: "token_too_large"
        case .algorithmNotAllowed: "algorithm_not_allowed"
        case .keyNotFound: "key_not_found"
        case .invalidKey: "invalid_key"
        case .keyTooSmall: "key_too_small"
        case .unsupportedKeyType: "unsupported_key_type"
        case .keyUseMismatch: "key_use_mismatch"
        case .badSignature: "bad_signature"
        case .expired, .tooOld: "expired"
        case .notYetValid, .issuedInFuture: "not_yet_valid"
        case .audienceMismatch: "audience_mismatch"
        case .issuerMismatch: "issuer_mismatch"
        case .missingClaim: "missing_claim"
        case .invalidClaim: "invalid_claim"
        case .typeMismatch: "invalid_type"
        case .unsupportedCriticalHeader: "unsupported_critical_header"
        case .unsupportedHeader: "unsupported_header"
        default: "\(error.code)"
        }
    }

    /// Validation options from a vector's `validation` object.
    static func options(_ validation: TestJSON?) -> JWTValidationOptions {
        guard let validation else { return JWTValidationOptions() }
        var options = JWTValidationOptions(
            leeway: .seconds(validation["leeway_seconds"]?.number ?? 60),
            issuer: validation["issuer"]?.string,
            audience: validation["audience"]?.string,
            requiredClaims: Set(validation["required_claims"]?.strings ?? []),
            allowedAlgorithms: validation["allowed_algs"].map { Set($0.strings.compactMap(JWSAlgorithm.init(name:))) },
            clock: .fixed(validation["now"]?.number ?? 1_750_000_000)
        )
        if let maxBytes = validation["max_token_bytes"]?.number { options.limits.maximumTokenBytes = Int(maxBytes) }
        if let allowed = validation["allowed_typ"]?.array {
            let types = Set(allowed.compactMap(\.string))
            options.typePolicy = .oneOf(types, allowsAbsent: allowed.contains { $0.isNull })
        }
        return options
    }

    /// A key collection from a `{"keys": [...]}` vector object.
    static func keys(_ jwks: TestJSON) throws(JWTError) -> JWTKeyCollection {
        try JWTKeyCollection(jwks: JWKSet(json: jwks.text))
    }

    /// Counts per file, printed so the test output says what ran.
    final class Tally: @unchecked Sendable {
        // @unchecked: used from one test function at a time.
        let file: String
        var ran = 0, passed = 0, failed = 0, skipped = 0, acceptableAccepted = 0, acceptableRejected = 0
        var contradicted: [String] = []
        init(_ file: String) { self.file = file }

        func check(_ ok: Bool, _ comment: @autoclosure () -> String, sourceLocation: SourceLocation = #_sourceLocation) {
            ran += 1
            if ok {
                passed += 1
            } else {
                failed += 1
                Issue.record(Comment(rawValue: "\(file): \(comment())"), sourceLocation: sourceLocation)
            }
        }

        func report() {
            var line = "[vectors] \(file): ran \(ran), passed \(passed), failed \(failed)"
            if skipped > 0 { line += ", skipped \(skipped) (not compact JWS / not applicable)" }
            if acceptableAccepted + acceptableRejected > 0 { line += ", acceptable: \(acceptableAccepted) accepted, \(acceptableRejected) rejected" }
            if !contradicted.isEmpty { line += ", set aside as self-contradictory upstream: \(contradicted.joined(separator: "; "))" }
            print(line)
        }
    }
}
