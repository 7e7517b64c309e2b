import ArgumentParser
import AsyncHTTPClient
import AuthBridge
import AuthBridgeCrypto
import AuthBridgeJWT
import AuthBridgeServer
import Foundation
import Logging

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
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify a JWT against a shared secret, a PEM public key or a JWKS file, or as the bridge would (--as with --config)."
        )

        /// The Zendesk credential kinds a configuration validates.
        enum Kind: String, ExpressibleByArgument, CaseIterable {
            case messaging
            case chatVisitor = "chat-visitor"
            case sso

            var credentialKind: CredentialKind {
                switch self {
                case .messaging: .messagingJWT
                case .chatVisitor: .chatVisitorJWT
                case .sso: .ssoJWT
                }
            }
        }

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

        @Option(name: .customLong("as"), help: "Check the token as the bridge would: messaging, chat-visitor or sso (needs --config).")
        var kind: Kind?

        @Option(name: .long, help: "The configuration file whose zendesk.* keys and rules --as uses.")
        var config: String?

        @Option(name: .long, help: "With --as: a directory with one file per secret key.")
        var secretsDir: String?

        @Flag(name: .long, help: "Print JSON.")
        var json = false

        func run() async throws {
            let token = try Decode.read(self.token)
            if let kind = self.kind {
                try await self.verify(token, as: kind)
                return
            }
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

        /// The configured validator of `kind`, its rules and keys; a fresh replay store, so a check never
        /// spends an SSO token's `jti` in the deployment's store.
        private func verify(_ token: String, as kind: Kind) async throws {
            guard self.config != nil || self.secretsDir != nil else { throw ValidationError("--as needs --config FILE") }
            let reader = try await AuthBridgeConfiguration.reader(filePath: self.config, secretsDirectory: self.secretsDir)
            // Only the zendesk.* section: a check needs neither Genesys nor the provider configured.
            var read = ConfigurationReading(reader: reader)
            let zendesk = AuthBridgeConfiguration.Zendesk(reading: &read)
            try read.check()
            let logger = Logger(label: "authbridge.jwt", factory: { _ in SwiftLogNoOpLogHandler() })
            let validators = try AuthBridgeApplication.zendeskValidators(
                for: zendesk, stores: .inMemory, httpClient: .shared, logger: logger)
            guard let validator = validators[kind.credentialKind] else {
                throw ValidationError(
                    "the configuration has no \(kind.rawValue) key: set zendesk.\(kind == .messaging ? "messaging.*" : kind == .sso ? "sso.sharedSecret" : "chat.sharedSecret")"
                )
            }
            do {
                let session = try await validator.validate(Secret(token), logger: logger)
                if self.json {
                    print(
                        JSONValue.object([
                            "valid": true, "as": .string(kind.rawValue), "subject": .string(session.subject),
                            "email": session.email.map(JSONValue.string) ?? .null, "emailVerified": .bool(session.isEmailVerified),
                            "expiresAt": session.expiresAt.map(JSONValue.number) ?? .null,
                        ]).serialized
                    )
                } else {
                    let expiry = session.expiresAt.map { Date(timeIntervalSince1970: $0).ISO8601Format() } ?? "-"
                    print(
                        "valid \(kind.rawValue): subject=\(session.subject) email=\(session.email ?? "-") verified=\(session.isEmailVerified) expires=\(expiry)"
                    )
                }
            } catch {
                let secret: Secret? =
                    switch kind {
                    case .messaging: zendesk.messagingKey?.secret
                    case .chatVisitor: zendesk.chatSharedSecret
                    case .sso: zendesk.ssoSharedSecret
                    }
                let leeway: Duration = kind == .sso ? .seconds(180) : .seconds(60)
                let known = kind == .messaging ? zendesk.messagingKey.map { [$0.keyID] } ?? [] : []
                let diagnosis = Diagnosis.diagnose(
                    error,
                    at: .zendeskValidation,
                    token: Secret(token),
                    context: DiagnosisContext(leeway: leeway, knownKeyIDs: known, signingSecret: secret)
                )
                if self.json, let value = try? JSONValue(parsing: diagnosis.json) {
                    print(JSONValue.object(["valid": false, "as": .string(kind.rawValue), "diagnosis": value]).serialized)
                } else {
                    print("invalid \(kind.rawValue): \(diagnosis.summary)")
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
