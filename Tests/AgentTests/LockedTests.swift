import Foundation
import Locking
import Testing

@Suite struct LockedTests {
    struct Refused: Error, Equatable {}

    @Test func incrementsFromFourThreadsAreNeverLost() {
        let count = Locked(0)
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            for _ in 0..<10_000 { count.withLock { $0 += 1 } }
        }
        #expect(count.withLock { $0 } == 40_000)
    }

    @Test func aThrowingBodyRethrowsItsTypedErrorAndKeepsWhatItChanged() {
        let value = Locked([1])
        #expect(throws: Refused()) {
            try value.withLock { (list: inout [Int]) throws(Refused) in
                list.append(2)
                throw Refused()
            }
        }
        #expect(value.withLock { $0 } == [1, 2])
        // The lock was released on the throw: taking it again does not deadlock.
        #expect(value.withLock { $0.count } == 2)
    }
}
