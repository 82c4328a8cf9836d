/// A FIFO of deliveries waiting for `receive`, with O(1) push and pop.
///
/// A popped delivery is moved out of its slot (left nil), not copied: a copy would retain its
/// six buffers once more and release them again when the slots are cleared, per message.
struct DeliveryQueue {
    private var items: [MalamuteDelivery?] = []
    private var head = 0

    var isEmpty: Bool { head == items.count }
    var count: Int { items.count - head }

    mutating func append(_ delivery: MalamuteDelivery) {
        items.append(delivery)
    }

    mutating func popFirst() -> MalamuteDelivery? {
        guard head < items.count else { return nil }
        let delivery = items[head].take()
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
