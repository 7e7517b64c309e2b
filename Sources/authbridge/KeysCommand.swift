import ArgumentParser
import AuthBridge
import Foundation

/// `authbridge keys generate|jwks`: make the OpenID provider's signing keys and see what it publishes.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Generate signing keys and print JWK Sets.",
        subcommands: [Generate.self, JWKS.self]
    )

    /// Writes a new private key as PKCS#8 PEM (mode 0600) and prints its public JWK.
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Generate a signing key (PKCS#8 PEM, file mode 0600).")

        @Option(name: .long, help: "RS256, PS256, ES256, ES384 or EdDSA.")
        var algorithm: String = "RS256"

        @Option(name: .long, help: "The key id (kid) to publish it under.")
        var keyID: String

        @Option(name: .long, help: "Where to write the private key; it is never printed.")
        var output: String

        func run() throws {
            guard let algorithm = JWSAlgorithm(name: self.algorithm.uppercased() == "EDDSA" ? "EdDSA" : self.algorithm.uppercased()) else {
                throw ValidationError("unknown algorithm \(self.algorithm)")
            }
            let key = try JWTKey.generate(for: algorithm, keyID: self.keyID)
            let pem = try key.privateKeyPEM()
            // Created 0600 in one step and never over an existing file: that may be the live signing key.
            let descriptor = open(self.output, O_CREAT | O_EXCL | O_WRONLY, 0o600)
            guard descriptor >= 0 else { throw ValidationError("could not create \(self.output) (it must not exist yet)") }
            let bytes = Array(pem.utf8)
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            close(descriptor)
            guard written == bytes.count else { throw ValidationError("could not write \(self.output)") }
            print(JWKSet(keys: [try key.publicKey().jwk()]).serialized)
        }
    }

    /// Prints the public JWK Set of one or more PEM keys, as the provider publishes it.
    struct JWKS: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the public JWK Set of PEM keys (each as KID=ALG:FILE).")

        @Argument(help: "Keys as KID=ALG:FILE, e.g. 2026-11=RS256:current.pem")
        var keys: [String]

        func run() throws {
            var jwks: [JWK] = []
            for spec in self.keys {
                guard let equals = spec.firstIndex(of: "="), let colon = spec[equals...].firstIndex(of: ":") else {
                    throw ValidationError("\(spec): expected KID=ALG:FILE")
                }
                let keyID = String(spec[..<equals])
                let algorithmName = String(spec[spec.index(after: equals)..<colon])
                guard let algorithm = JWSAlgorithm(name: algorithmName) else { throw ValidationError("\(spec): unknown algorithm \(algorithmName)") }
                let pem = try String(contentsOfFile: String(spec[spec.index(after: colon)...]), encoding: .utf8)
                jwks.append(try JWTKey(pem: pem, algorithm: algorithm, keyID: keyID).publicKey().jwk())
            }
            print(JWKSet(keys: jwks).serialized)
        }
    }
}
