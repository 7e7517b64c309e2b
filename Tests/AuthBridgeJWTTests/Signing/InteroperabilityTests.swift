import AuthBridgeJWT
import Foundation
import Testing

/// Tokens AuthBridgeJWT signs are verified by an independent JOSE implementation (Python's joserfc),
/// and tokens joserfc signs verify here: the DER↔R‖S conversion, PSS parameters and header encoding
/// have to agree with someone else's, not only with themselves.
///
/// Needs `python3` with `joserfc` (`.ci/run` installs it); locally the test skips with a message when
/// either is missing, and under `CI` it fails instead.
@Suite("Interoperability with joserfc")
struct InteroperabilityTests {
    static let script = #"""
        import json, sys, warnings
        warnings.simplefilter("ignore")
        from joserfc import jws
        from joserfc.jws import JWSRegistry
        from joserfc.jwk import JWKRegistry
        cases = json.load(sys.stdin)
        out = []
        for case in cases:
            alg = case["alg"]
            registry = JWSRegistry(algorithms=[alg])
            key = JWKRegistry.import_key(case["jwk"])
            obj = jws.deserialize_compact(case["token"], key, algorithms=[alg], registry=registry)
            private = JWKRegistry.generate_key(case["kty"], case["param"], private=True) if case["kty"] != "oct" else key
            theirs = jws.serialize_compact({"alg": alg, "kid": "theirs"}, obj.payload, private, registry=registry)
            public = private.as_dict(private=(case["kty"] == "oct"))
            public["kid"] = "theirs"
            public["alg"] = alg
            out.append({"payload": obj.payload.decode(), "token": theirs, "jwk": public})
        json.dump(out, sys.stdout)
        """#

    static func joserfcAvailable() -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import joserfc"]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    @Test("our tokens verify in joserfc, and joserfc's verify here, for every algorithm family")
    func roundTripWithJoserfc() throws {
        guard Self.joserfcAvailable() else {
            let message = "python3 with joserfc is not available"
            if ProcessInfo.processInfo.environment["CI"] != nil {
                Issue.record(Comment(rawValue: message))
            } else {
                print("[interop] SKIPPED: \(message)")
            }
            return
        }
        let algorithms: [(JWSAlgorithm, String, TestJSON)] = [
            (.hs256, "oct", .number(256)), (.hs512, "oct", .number(512)), (.rs256, "RSA", .number(2048)), (.ps256, "RSA", .number(2048)),
            (.ps512, "RSA", .number(2048)), (.es256, "EC", .string("P-256")), (.es384, "EC", .string("P-384")),
            (.es512, "EC", .string("P-521")), (.edDSA, "OKP", .string("Ed25519")),
        ]
        var cases: [[String: Any]] = []
        for (algorithm, kty, parameter) in algorithms {
            let key = try JWTKey.generate(for: algorithm, keyID: "ours")
            let token = try JWTSigner(key: key).sign(["sub": .string("interop-\(algorithm.name)"), "exp": 4_000_000_000])
            let jwk = try key.jwk(includingPrivateMembers: kty == "oct")
            let param: Any = parameter.number.map { Int($0) } ?? parameter.string ?? ""
            cases.append([
                "alg": algorithm.name, "kty": kty, "param": param, "token": token,
                "jwk": try JSONSerialization.jsonObject(with: Data(jwk.serialized.utf8)),
            ])
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.script]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(try JSONSerialization.data(withJSONObject: cases))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "joserfc refused our tokens: \(stderr.suffix(800))")

        let results = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(results.count == algorithms.count)
        for (result, (algorithm, _, _)) in zip(results, algorithms) {
            #expect(result["payload"] as? String == #"{"sub":"interop-\#(algorithm.name)","exp":4000000000}"#)
            let jwkData = try JSONSerialization.data(withJSONObject: try #require(result["jwk"]))
            let theirKey = try JWTKey(jwk: JWK(json: String(decoding: jwkData, as: UTF8.self)))
            let verifier = JWTVerifier(keys: try JWTKeyCollection(keys: [theirKey]))
            let verified = try verifier.verify(try #require(result["token"] as? String))
            #expect(verified.header.algorithm == algorithm && verified.claims.subject == "interop-\(algorithm.name)")
        }
        print("[interop] joserfc verified \(results.count) AuthBridge tokens; AuthBridge verified \(results.count) joserfc tokens")
    }
}
