/// A bounded map that evicts its least recently used entry, with the recency list kept as indexes into
/// one array: no allocation per entry beyond the dictionary's and the array's growth.
struct LRUTable<Key: Hashable, Value> {
    private struct Node {
        var key: Key
        var value: Value
        var newer: Int
        var older: Int
    }

    private static var none: Int { -1 }

    let capacity: Int
    private var positions: [Key: Int] = [:]
    private var nodes: [Node?] = []
    private var free: [Int] = []
    private var newest = LRUTable.none
    private var oldest = LRUTable.none

    init(capacity: Int) {
        self.capacity = max(capacity, 1)
    }

    var count: Int { self.positions.count }

    /// The value for `key`, marking it most recently used.
    mutating func get(_ key: Key) -> Value? {
        guard let position = self.positions[key], let node = self.nodes[position] else { return nil }
        self.moveToNewest(position)
        return node.value
    }

    /// Inserts or replaces; returns the evicted entry when the table was full.
    @discardableResult
    mutating func set(_ value: Value, for key: Key) -> (key: Key, value: Value)? {
        if let position = self.positions[key] {
            self.nodes[position]?.value = value
            self.moveToNewest(position)
            return nil
        }
        var evicted: (key: Key, value: Value)?
        if self.positions.count >= self.capacity, let removed = self.removeOldest() {
            evicted = removed
        }
        let node = Node(key: key, value: value, newer: LRUTable.none, older: self.newest)
        let position: Int
        if let reused = self.free.popLast() {
            position = reused
            self.nodes[position] = node
        } else {
            position = self.nodes.count
            self.nodes.append(node)
        }
        if self.newest != LRUTable.none { self.nodes[self.newest]?.newer = position }
        self.newest = position
        if self.oldest == LRUTable.none { self.oldest = position }
        self.positions[key] = position
        return evicted
    }

    /// Removes `key`; returns its value if it was there.
    @discardableResult
    mutating func remove(_ key: Key) -> Value? {
        guard let position = self.positions.removeValue(forKey: key), let node = self.nodes[position] else {
            return nil
        }
        self.unlink(position, node)
        self.nodes[position] = nil
        self.free.append(position)
        return node.value
    }

    /// Removes the least recently used entry.
    mutating func removeOldest() -> (key: Key, value: Value)? {
        guard self.oldest != LRUTable.none, let node = self.nodes[self.oldest] else { return nil }
        _ = self.remove(node.key)
        return (node.key, node.value)
    }

    private mutating func moveToNewest(_ position: Int) {
        guard position != self.newest, let node = self.nodes[position] else { return }
        self.unlink(position, node)
        self.nodes[position]?.older = self.newest
        self.nodes[position]?.newer = LRUTable.none
        if self.newest != LRUTable.none { self.nodes[self.newest]?.newer = position }
        self.newest = position
        if self.oldest == LRUTable.none { self.oldest = position }
    }

    private mutating func unlink(_ position: Int, _ node: Node) {
        if node.older != LRUTable.none { self.nodes[node.older]?.newer = node.newer } else { self.oldest = node.newer }
        if node.newer != LRUTable.none { self.nodes[node.newer]?.older = node.older } else { self.newest = node.older }
    }
}
