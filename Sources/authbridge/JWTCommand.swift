import ArgumentParser
import AuthBridge
import AuthBridgeCrypto
import AuthBridgeJWT
import Foundation

/// `authbridge jwt decode|verify`: look inside a token, or check it against a key.
struct JWTCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jwt",
        abstract: "Decode or verify a JWT.",
        subcommands: [Decode.self, Verify.self]
    )

    /// Prints the header and claims without verifying anything, with the times made readable.
    struct Decode: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a JWT's header and claims (not verified; the signature is never printed).")

        @Argument(help: "The JWT, or - to read it from standard input.")
        var token: String

        @Flag(name: .long, help: "Print JSON.")
        var json = false

        func run() throws {
            let token = try Self.read(self.token)
            let parts = token.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 3, let headerBytes = Base64URL.decode(String(parts[0])), let payloadBytes = Base64URL.decode(String(parts[1]))
            else {
                throw ValidationError("not a compact JWS (three base64url parts)")
            }
            let headerValue = try JSONValue(parsing: String(decoding: headerBytes, as: UTF8.self))
            let claims = try JSONValue(parsing: String(decoding: payloadBytes, as: UTF8.self))
            if self.json {
                print(JSONValue.object(["header": headerValue, "claims": claims]).serialized)
                return
            }
            print("header: \(headerValue.serialized)")
            print("claims: \(claims.serialized)")
            let now = Date().timeIntervalSince1970
            for name in ["iat", "nbf", "exp"] {
                guard let time = claims.objectValue?[name]?.numberValue else { continue }
                let delta = Int((time - now).rounded())
                let when = delta >= 0 ? "in \(delta) s" : "\(-delta) s ago"
                print("\(name): \(Date(timeIntervalSince1970: time).ISO8601Format()) (\(when))")
            }
        }

        static func read(_ argument: String) throws -> String {
            if argument != "-" { return argument.trimmingCharacters(in: .whitespacesAndNewlines) }
            guard let line = readLine(strippingNewline: true) else { throw ValidationError("no token on standard input") }
            return line.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    /// Verifies a JWT's signature and times against a shared secret, a PEM key or a JWK Set.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Verify a JWT against a shared secret, a PEM public key or a JWKS file.")

        @Argument(help: "The JWT, or - to read it from standard input.")
        var token: String

        @Option(name: .long, help: "A file holding the shared secret (HS256); read from a file so it stays out of the shell history.")
        var secretFile: String?

        @Option(name: .long, help: "A PEM public key file.")
        var pem: String?

        @Option(name: .long, help: "A JWK Set file.")
        var jwks: String?

        @Option(name: .long, help: "The algorithm the key is for (HS256, RS256, ES256, …).")
        var algorithm: String = "HS256"

        @Option(name: .long, help: "Clock skew tolerated, in seconds.")
        var leeway: Int = 60

        @Flag(name: .long, help: "Print JSON.")
        var json = false

        func run() throws {
            let token = try Decode.read(self.token)
            let keys: JWTKeyCollection
            var secret: Secret?
            var knownKeyIDs: [String] = []
            if let secretFile {
                let text = try String(contentsOfFile: secretFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
                let algorithm = try Self.algorithm(self.algorithm)
                secret = Secret(text)
                keys = try JWTKeyCollection(keys: [JWTKey.hmac(secret: Array(text.utf8), algorithm: algorithm)], allowsTokensWithoutKeyID: true)
            } else if let pem {
                let key = try JWTKey(pem: try String(contentsOfFile: pem, encoding: .utf8), algorithm: try Self.algorithm(self.algorithm))
                keys = try JWTKeyCollection(keys: [key], allowsTokensWithoutKeyID: true)
            } else if let jwks {
                let set = try JWKSet(json: try String(contentsOfFile: jwks, encoding: .utf8))
                knownKeyIDs = set.keys.compactMap(\.keyID)
                keys = try JWTKeyCollection(jwks: set)
            } else {
                throw ValidationError("give --secret-file, --pem or --jwks")
            }
            let verifier = JWTVerifier(keys: keys, options: JWTValidationOptions(leeway: .seconds(self.leeway)))
            do {
                let verified = try verifier.verify(token)
                let algorithm = verified.header.algorithm.name
                let keyID = verified.header.keyID
                let subject = verified.claims.subject
                if self.json {
                    print(
                        JSONValue.object([
                            "valid": true, "algorithm": .string(algorithm), "kid": keyID.map(JSONValue.string) ?? .null,
                            "sub": subject.map(JSONValue.string) ?? .null,
                        ]).serialized
                    )
                } else {
                    print("valid: \(algorithm) kid=\(keyID ?? "-") sub=\(subject ?? "-")")
                }
            } catch {
                // Why it failed, as an operator needs it; the diagnosis never holds the token or the secret.
                let diagnosis = Diagnosis.diagnose(
                    error,
                    at: .zendeskValidation,
                    token: Secret(token),
                    context: DiagnosisContext(leeway: .seconds(self.leeway), knownKeyIDs: knownKeyIDs, signingSecret: secret)
                )
                if self.json, let value = try? JSONValue(parsing: diagnosis.json) {
                    print(JSONValue.object(["valid": false, "diagnosis": value]).serialized)
                } else {
                    print("invalid: \(diagnosis.summary)")
                    print(diagnosis.indented)
                }
                throw ExitCode(1)
            }
        }

        static func algorithm(_ name: String) throws -> JWSAlgorithm {
            guard let algorithm = JWSAlgorithm(name: name.uppercased()) else { throw ValidationError("unknown algorithm \(name)") }
            return algorithm
        }
    }
}
