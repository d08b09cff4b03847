using GameServer.Tests.Support;
using GameServer.Tests.World;

namespace GameServer.Tests.Persistence;

/// <summary>Retention verifies every new save: that must not leave a large array behind each time.</summary>
public class SaveVerifyMemoryTests
{
    [Test]
    [CancelAfter(60_000)]
    public void Verifying_a_full_save_again_takes_its_block_buffers_from_a_pool()
    {
        using var temp = new TempFolder();
        var world = TestWorlds.Populated(300_000, seed: 5); // random floats: blocks of ~1 MiB stay large when compressed
        var path = SaveFixture.Write(temp.Path, world);
        long largestBlock = 0;
        void Verify()
        {
            using var save = SavePaths.Open(path);
            save.VerifyChecksums();
            foreach (var column in save.Header.Columns)
            {
                foreach (var buffer in column.Buffers)
                {
                    foreach (var block in buffer.Blocks) largestBlock = Math.Max(largestBlock, block.StoredLength);
                }
            }
        }

        Verify(); // first use: JIT, the pool's first arrays
        var before = GC.GetAllocatedBytesForCurrentThread();
        Verify();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(largestBlock, Is.GreaterThan(512 * 1024), "the save has blocks that need a large scratch array");
        Assert.That(allocated, Is.LessThan(largestBlock / 2), $"{allocated:N0} bytes allocated to verify a save whose largest block is {largestBlock:N0} bytes");
    }
}
