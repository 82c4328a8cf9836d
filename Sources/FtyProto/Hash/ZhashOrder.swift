/// Emulates the iteration order of a czmq `zhash` filled in a given order (wire.md §4.7).
///
/// czmq 4.2.1 `zhash.c`: a key's bucket is `h mod limit`, with `h = 33 × h XOR c` over the key's
/// bytes in unsigned 32-bit arithmetic and `c` a sign-extended (x86 `char`) byte. A new item goes
/// to the head of its bucket's chain. Before an insert into a table holding
/// `limit × 75 / 100` items (191 of 255), the table doubles and rehashes, walking buckets in
/// ascending order and each chain from its head, pushing every item onto its new chain's head.
/// Iteration walks buckets in ascending order, each chain from its head.
enum ZhashOrder {
    static let initialLimit = 255

    /// `s_item_hash` before the modulo; stops at a NUL byte as the C loop over a C string does.
    static func hash(_ key: String) -> UInt32 {
        var h: UInt32 = 0
        for byte in key.utf8 {
            if byte == 0 { break }
            h = (33 &* h) ^ UInt32(bitPattern: Int32(Int8(bitPattern: byte)))
        }
        return h
    }

    /// Positions of `keys` (distinct, in insertion order) in the order the encoder writes them.
    static func encodingOrder(of keys: some Collection<String>, _ path: FtyHashOrder) -> [Int] {
        if keys.count == 2 {
            // The common small case of the closed form below, without sorting.
            let first = hash(keys[keys.startIndex]) % UInt32(initialLimit)
            let second = hash(keys[keys.index(after: keys.startIndex)]) % UInt32(initialLimit)
            let inOrder = first == second ? path == .convenienceEncoder : first < second
            return inOrder ? [0, 1] : [1, 0]
        }
        var hashes: [UInt32] = []
        hashes.reserveCapacity(keys.count)
        for key in keys { hashes.append(hash(key)) }
        if hashes.count <= growthThreshold(initialLimit) {
            return orderWithoutGrowth(hashes, newestFirst: path == .setters)
        }
        return simulatedEncodingOrder(hashes, path)
    }

    /// Number of items a table of `limit` buckets holds before the next insert makes it grow.
    static func growthThreshold(_ limit: Int) -> Int { limit * 75 / 100 }

    /// Closed form while no table grows: ascending bucket; within a bucket newest first (a
    /// filled table) or oldest first (its `zhash_dup`, which re-inserts each chain head first
    /// and so reverses it).
    static func orderWithoutGrowth(_ hashes: [UInt32], newestFirst: Bool) -> [Int] {
        let limit = UInt32(initialLimit)
        return hashes.indices.sorted { a, b in
            let bucketA = hashes[a] % limit
            let bucketB = hashes[b] % limit
            return bucketA != bucketB ? bucketA < bucketB : (a > b) == newestFirst
        }
    }

    /// Step-by-step emulation of the reference path, growth included.
    static func simulatedEncodingOrder(_ hashes: [UInt32], _ path: FtyHashOrder) -> [Int] {
        let direct = simulatedOrder(hashes)
        switch path {
        case .setters:
            return direct
        case .convenienceEncoder:
            // zhash_dup inserts the items into a fresh table in the original's iteration order.
            let copied = simulatedOrder(direct.map { hashes[$0] })
            return copied.map { direct[$0] }
        }
    }

    /// Iteration order of a table into which items with these hashes were inserted in order.
    static func simulatedOrder(_ hashes: [UInt32]) -> [Int] {
        var limit = initialLimit
        var chains = [[Int]](repeating: [], count: limit)  // each chain head first
        for (item, hash) in hashes.enumerated() {
            if item >= growthThreshold(limit) {
                let newLimit = limit * 2
                var grown = [[Int]](repeating: [], count: newLimit)
                for chain in chains {
                    for moved in chain { grown[Int(hashes[moved] % UInt32(newLimit))].insert(moved, at: 0) }
                }
                chains = grown
                limit = newLimit
            }
            chains[Int(hash % UInt32(limit))].insert(item, at: 0)
        }
        return chains.flatMap { $0 }
    }
}
