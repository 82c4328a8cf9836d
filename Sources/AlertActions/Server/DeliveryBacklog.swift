import MalamuteClient

/// A FIFO of deliveries with O(1) append and pop (the storage is compacted as it drains).
struct DeliveryBacklog {
    private var items: [MalamuteDelivery] = []
    private var head = 0

    var isEmpty: Bool { head == items.count }

    mutating func append(_ delivery: MalamuteDelivery) {
        items.append(delivery)
    }

    mutating func popFirst() -> MalamuteDelivery? {
        guard head < items.count else { return nil }
        let delivery = items[head]
        head += 1
        if head == items.count {
            items.removeAll(keepingCapacity: items.count <= 1024)
            head = 0
        } else if head >= 1024, head * 2 >= items.count {
            items.removeFirst(head)
            head = 0
        }
        return delivery
    }
}
