import Foundation

/// A bounded hand-off from one producer to worker threads: the producer blocks when `capacity`
/// batches wait, so memory stays bounded however large the input is.
final class BoundedQueue<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Element] = []
    private var closed = false
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    func push(_ item: Element) {
        condition.lock(); defer { condition.unlock() }
        while items.count >= capacity && !closed { condition.wait() }
        guard !closed else { return }
        items.append(item)
        condition.broadcast()
    }

    /// The next item, or nil once the queue is closed and drained.
    func pop() -> Element? {
        condition.lock(); defer { condition.unlock() }
        while items.isEmpty && !closed { condition.wait() }
        guard !items.isEmpty else { return nil }
        let item = items.removeFirst()
        condition.broadcast()
        return item
    }

    /// No more items; with `discard`, drops those still waiting (used after a failure).
    func close(discard: Bool = false) {
        condition.lock(); defer { condition.unlock() }
        closed = true
        if discard { items.removeAll() }
        condition.broadcast()
    }
}

/// Threads that each run `body(index)` once; `join` waits for them and returns their results.
/// Each thread builds its own state inside `body`, so nothing thread-confined is shared.
final class ThreadGroup<Result: Sendable>: Sendable {
    private let results = Locked<[Int: Result]>([:])
    private let group = DispatchGroup()
    private let count: Int

    init(count: Int, _ body: @escaping @Sendable (Int) -> Result) {
        self.count = count
        for index in 0..<count {
            group.enter()
            let thread = Thread { [results, group] in
                let result = body(index)
                results.update { $0[index] = result }
                group.leave()
            }
            thread.stackSize = 8 << 20  // GEOS recursion on deep geometries needs more than the 512 KiB default
            thread.start()
        }
    }

    func join() -> [Result] {
        group.wait()
        return (0..<count).map { results.value[$0]! }
    }
}

/// A value guarded by a lock.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value { lock.lock(); defer { lock.unlock() }; return stored }
    func update<R>(_ body: (inout Value) -> R) -> R { lock.lock(); defer { lock.unlock() }; return body(&stored) }
}
