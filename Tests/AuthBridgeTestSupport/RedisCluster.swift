import AuthBridgeRedis
import Foundation
import Logging
import Metrics
import Testing

/// A real Redis Cluster on loopback: three masters with a replica each, made by `redis-cli --cluster
/// create`, with a two-second node timeout: a killed master's replica takes over within seconds, and a
/// machine busy with other suites does not stall a node long enough to start a failover by itself.
final class RedisCluster: Sendable {
    /// Every node, masters and replicas as `redis-cli` assigned them.
    let nodes: [RedisServer]

    private init(nodes: [RedisServer]) {
        self.nodes = nodes
    }

    /// Starts six nodes, joins them into a cluster and waits until every node reports `cluster_state:ok`.
    static func start() async throws -> RedisCluster {
        var nodes: [RedisServer] = []
        do {
            for _ in 0..<6 {
                // The bus port is set apart: the default (port + 10000) may not be free, or even valid.
                nodes.append(
                    try await RedisServer.start(extraArguments: [
                        "--cluster-enabled", "yes", "--cluster-port", "\(try RedisServer.freePort())",
                        "--cluster-node-timeout", "2000", "--cluster-config-file", "nodes.conf",
                    ])
                )
            }
            let cluster = RedisCluster(nodes: nodes)
            let addresses = nodes.map { "127.0.0.1:\($0.port)" }
            _ = try cluster.cli(["--cluster", "create"] + addresses + ["--cluster-replicas", "1", "--cluster-yes"])
            try await cluster.waitUntilHealthy()
            return cluster
        } catch {
            for node in nodes { node.stop() }
            throw error
        }
    }

    /// Kills every node and removes their directories.
    func stop() {
        for node in self.nodes { node.stop() }
    }

    /// A client of the cluster that knows only `seed` (default the first node) and `seeds`.
    func client(
        seed: RedisServer? = nil,
        seeds: [RedisServer] = [],
        connectionCount: Int = 2,
        metricsFactory: any MetricsFactory = NOOPMetricsHandler.instance
    ) -> RedisClient {
        RedisClient(
            configuration: .init(
                port: (seed ?? self.nodes[0]).port,
                commandTimeout: .seconds(2),
                connectionCount: connectionCount,
                reconnectBackoff: .init(initial: .milliseconds(20), maximum: .milliseconds(200)),
                cluster: .init(seeds: seeds.map { RedisEndpoint(host: "127.0.0.1", port: $0.port) })
            ),
            logger: Logger(label: "authbridge.redis.tests") { _ in SwiftLogNoOpLogHandler() },
            metricsFactory: metricsFactory
        )
    }

    /// One node's view of the cluster, from `CLUSTER NODES`.
    struct NodeInfo: Sendable {
        let id: String
        let port: Int
        let isMaster: Bool
        let isFailed: Bool
        let masterID: String?
        let slots: [ClosedRange<Int>]
    }

    /// `CLUSTER NODES` as `node` sees the cluster.
    func nodeInfos(askingPort port: Int) throws -> [NodeInfo] {
        try self.cli(["-p", "\(port)", "CLUSTER", "NODES"]).split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ").map(String.init)
            guard fields.count >= 8, let address = fields[1].split(separator: "@").first,
                let port = address.split(separator: ":").last.flatMap({ Int($0) })
            else { return nil }
            let flags = fields[2].split(separator: ",")
            let slots = fields.dropFirst(8).compactMap { field -> ClosedRange<Int>? in
                guard !field.hasPrefix("[") else { return nil }  // a slot being migrated or imported
                let bounds = field.split(separator: "-").compactMap { Int($0) }
                guard let low = bounds.first else { return nil }
                return low...(bounds.last ?? low)
            }
            return NodeInfo(
                id: fields[0],
                port: port,
                isMaster: flags.contains("master"),
                isFailed: flags.contains("fail") || flags.contains("fail?"),
                masterID: fields[3] == "-" ? nil : fields[3],
                slots: slots
            )
        }
    }

    /// The node serving `slot`, as `port`'s node sees it.
    func master(of slot: Int, askingPort port: Int? = nil) throws -> NodeInfo {
        let infos = try self.nodeInfos(askingPort: port ?? self.nodes[0].port)
        guard let master = infos.first(where: { $0.isMaster && !$0.isFailed && $0.slots.contains { $0.contains(slot) } }) else {
            throw RedisServerError.didNotStart
        }
        return master
    }

    /// The server listening on `port`.
    func server(onPort port: Int) -> RedisServer? {
        self.nodes.first { $0.port == port }
    }

    /// Runs `redis-cli` on loopback and returns what it printed.
    @discardableResult
    func cli(_ arguments: [String]) throws -> String {
        try RedisServer.cli(arguments)
    }

    /// What `redis-cli` printed for a command with a one-line reply, without the line break.
    func cliLine(_ arguments: [String]) throws -> String {
        try self.cli(arguments).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Waits (at most 30 s) until every running node reports `cluster_state:ok`, knows all 16384 slots and
    /// sees the replicas.
    func waitUntilHealthy() async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            // Every node also knows each master's replica: replicas join by gossip after `create`.
            let healthy = self.nodes.allSatisfy { node in
                let info = (try? self.cli(["-p", "\(node.port)", "CLUSTER", "INFO"])) ?? ""
                let replicas = (try? self.nodeInfos(askingPort: node.port))?.filter { $0.masterID != nil && !$0.isFailed }.count ?? 0
                return info.contains("cluster_state:ok") && info.contains("cluster_slots_ok:16384") && replicas == 3
            }
            if healthy { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw RedisServerError.didNotStart
    }
}
