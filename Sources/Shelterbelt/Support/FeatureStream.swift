/// Reads a layer on the calling thread (OGR reads sequentially) and hands batches of raw features to worker
/// threads through a bounded queue, so memory stays bounded however large the layer is. Each worker builds
/// its own thread-confined state (GEOS context, PROJ transformation) inside `work` and returns what it gathered.
/// The first error of any thread stops the reading and is thrown once every thread has ended.
enum FeatureStream {
    struct Outcome<Output> {
        /// Settable, so that a caller can take the outputs out and release each once merged.
        var outputs: [Output]
        let read: Int
    }

    static func run<Output: Sendable>(
        _ reader: FeatureReader, fields: [Int], threads: Int, batchSize: Int = 256,
        progress: (@Sendable (Int, Int?) -> Void)?,
        work: @escaping @Sendable (_ worker: Int, _ next: () -> [RawFeature]?) throws -> Output
    ) throws -> Outcome<Output> {
        let queue = BoundedQueue<[RawFeature]>(capacity: threads * 4)
        let failure = Locked<Error?>(nil)
        let workers = ThreadGroup(count: threads) { index -> Output? in
            do { return try work(index) { queue.pop() } } catch {
                failure.update { if $0 == nil { $0 = error } }
                queue.close(discard: true)
                return nil
            }
        }
        let expected = reader.featureCount
        var read = 0
        do {
            var batch: [RawFeature] = []
            batch.reserveCapacity(batchSize)
            while let raw = try reader.nextRaw(fields: fields) {
                batch.append(raw)
                read += 1
                if batch.count == batchSize {
                    queue.push(batch)
                    batch = []
                    progress?(read, expected)
                    if failure.value != nil { break }
                }
            }
            queue.push(batch)
            queue.close()
        } catch {
            queue.close(discard: true)
            _ = workers.join()
            throw error
        }
        let outputs = workers.join()
        if let error = failure.value { throw error }
        progress?(read, expected)
        return Outcome(outputs: outputs.compactMap { $0 }, read: read)
    }
}
