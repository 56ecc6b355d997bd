import Foundation
import NetReadyRemoteWrite
import Testing

/// The spool: oldest first, bounded (oldest dropped and counted), and on disk it outlives the agent.
@Suite(.timeLimit(.minutes(1))) struct RemoteWriteSpoolTests {
    static func folder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("nr-spool-\(UUID().uuidString)")
    }

    @Test(arguments: [false, true]) func keepsOrderAndDropsTheOldestPastTheLimit(onDisk: Bool) throws {
        let directory = onDisk ? Self.folder() : nil
        defer { if let directory { try? FileManager.default.removeItem(at: directory) } }
        let spool = try RemoteWriteSpool(directory: directory, limit: 3)
        for run in 1...5 { spool.append([UInt8(run)]) }
        #expect(spool.count == 3)
        #expect(spool.dropped == 2)
        var sent: [[UInt8]] = []
        while let (id, body) = spool.oldest() {
            sent.append(body)
            spool.remove(id)
        }
        #expect(sent == [[3], [4], [5]])
        #expect(spool.count == 0)
    }

    @Test func batchesLeftOnDiskAreReplayedFirstByTheNextAgent() throws {
        let directory = Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            let first = try RemoteWriteSpool(directory: directory, limit: 100)
            for run in 1...12 { first.append([UInt8(run)]) }
            // The first agent delivered only run 1.
            if let (id, _) = first.oldest() { first.remove(id) }
        }
        // A half-written batch from a crash is not a batch.
        try Data([0xff]).write(to: directory.appendingPathComponent(".tmp-99"))
        let second = try RemoteWriteSpool(directory: directory, limit: 100)
        second.append([100])
        var sent: [UInt8] = []
        while let (id, body) = second.oldest() {
            sent += body
            second.remove(id)
        }
        #expect(sent == Array(2...12) + [100])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    @Test func aBatchFileRemovedBehindTheSpoolsBackIsCountedAsDropped() throws {
        let directory = Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spool = try RemoteWriteSpool(directory: directory, limit: 10)
        spool.append([1])
        spool.append([2])
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        try FileManager.default.removeItem(at: directory.appendingPathComponent(files[0]))
        #expect(spool.oldest()?.body == [2])
        #expect(spool.dropped == 1)
    }
}
