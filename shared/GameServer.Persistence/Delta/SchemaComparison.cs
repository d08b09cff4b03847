using GameServer.World.Schema;

namespace GameServer.Persistence.Delta;

/// <summary>Whether two schemas store the same columns: a delta is only ever taken between equal schemas.</summary>
internal static class SchemaComparison
{
    /// <summary>Same names, types, element sizes and default values, in the same order.</summary>
    public static bool SameColumns(WorldSchema a, WorldSchema b)
    {
        if (ReferenceEquals(a, b)) return true;
        if (a.Columns.Count != b.Columns.Count) return false;
        for (var i = 0; i < a.Columns.Count; i++)
        {
            var x = a.Columns[i];
            var y = b.Columns[i];
            if (x.Name != y.Name || x.Type != y.Type || x.ElementSize != y.ElementSize || !x.DefaultValue.AsSpan().SequenceEqual(y.DefaultValue.AsSpan())) return false;
        }

        return true;
    }
}
