using GameServer.Persistence.Codecs;
using GameServer.Persistence.Delta;
using GameServer.Persistence.Format;
using GameServer.Persistence.Storage;
using GameServer.Persistence.Writing;
using GameServer.World.Snapshots;

namespace GameServer.Tests.Persistence.Delta;

/// <summary>Writes saves the way the autosave does: full or delta by a policy, the base advanced only after a commit.</summary>
internal sealed class ChainWriter(ISaveStore store, DeltaPolicy policy, SaveCodecOptions? codec = null) : IDisposable
{
    private readonly SnapshotEncoder _encoder = new(codec);
    private readonly SaveWriter _writer = new(store, 0);

    public DeltaBase Base { get; } = new();

    public SaveHeader Save(WorldSnapshot snapshot, string name)
    {
        var pending = policy.AllowsDelta(Base, snapshot)
            ? _encoder.PrepareDelta(snapshot, Base, "chain", "auto", "")
            : _encoder.PrepareFull(snapshot, "chain", "auto", "");
        var encoded = _writer.WriteAsync(pending, name).GetAwaiter().GetResult();
        Base.Commit(snapshot, encoded, name);
        return encoded.Header;
    }

    public void Dispose() => _encoder.Dispose();
}
