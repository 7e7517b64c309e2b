/// A binary min-heap of identifiers ordered by expiry, so purging expired ones costs O(log n) each.
struct ExpiryHeap<Instant: Comparable, ID> {
    private var items: [(expiresAt: Instant, id: ID)] = []

    var count: Int { self.items.count }

    mutating func reserveCapacity(_ capacity: Int) { self.items.reserveCapacity(capacity) }

    var earliest: (expiresAt: Instant, id: ID)? { self.items.first }

    mutating func push(_ id: ID, expiresAt: Instant) {
        self.items.append((expiresAt, id))
        var child = self.items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard self.items[child].expiresAt < self.items[parent].expiresAt else { break }
            self.items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func popEarliest() -> (expiresAt: Instant, id: ID)? {
        guard !self.items.isEmpty else { return nil }
        self.items.swapAt(0, self.items.count - 1)
        let earliest = self.items.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < self.items.count, self.items[left].expiresAt < self.items[smallest].expiresAt { smallest = left }
            if right < self.items.count, self.items[right].expiresAt < self.items[smallest].expiresAt { smallest = right }
            if smallest == parent { break }
            self.items.swapAt(parent, smallest)
            parent = smallest
        }
        return earliest
    }
}
