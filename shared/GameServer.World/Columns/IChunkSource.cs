namespace GameServer.World.Columns;

/// <summary>Gives a deferred capture the live backing bytes of a column buffer (whole array, not just live rows).</summary>
internal interface IChunkSource
{
    ReadOnlySpan<byte> BackingBytes(int buffer);
}
