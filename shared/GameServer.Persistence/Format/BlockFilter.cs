namespace GameServer.Persistence.Format;

/// <summary>A reversible transform applied before compression. Values are part of the format: never renumber.</summary>
public enum BlockFilter : byte
{
    /// <summary>No transform.</summary>
    None = 0,

    /// <summary>Blosc-style byte shuffle by the column's scalar size: groups like bytes together.</summary>
    Shuffle = 1,
}
