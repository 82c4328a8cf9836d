/// A FIFO of deliveries waiting for `receive`, with O(1) push and pop.
struct DeliveryQueue {
    private var items: [MalamuteDelivery] = []
    private var head = 0

    var isEmpty: Bool { head == items.count }
    var count: Int { items.count - head }

    mutating func append(_ delivery: MalamuteDelivery) {
        items.append(delivery)
    }

    mutating func popFirst() -> MalamuteDelivery? {
        guard head < items.count else { return nil }
        let delivery = items[head]
        head += 1
        if head == items.count {
            items.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 4096, head * 2 >= items.count {
            items.removeFirst(head)
            head = 0
        }
        return delivery
    }
}
