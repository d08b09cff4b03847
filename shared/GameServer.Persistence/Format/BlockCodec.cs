namespace GameServer.Persistence.Format;

/// <summary>How a block's bytes are compressed. Values are part of the format: never renumber.</summary>
public enum BlockCodec : byte
{
    /// <summary>Stored as is.</summary>
    None = 0,

    /// <summary>Zstandard frame (ZstdSharp.Port).</summary>
    Zstd = 1,
}
