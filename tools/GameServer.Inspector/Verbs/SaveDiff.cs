using System.Buffers.Binary;
using GameServer.Inspector.Reading;
using GameServer.Persistence.Reading;

namespace GameServer.Inspector.Verbs;

/// <summary>
/// What changed between two saves, with entities matched by id: added and removed ids (ascending), per-column change
/// counts over entities present in both, and the first changed entities (in A's row order) with old and
/// new values.
/// </summary>
/// <remarks>
/// Holds both id columns and, one column at a time, that column of both saves: memory is two columns,
/// not two saves.
/// </remarks>
internal sealed class SaveDiff
{
    public required SaveFile A { get; init; }

    public required SaveFile B { get; init; }

    public List<long> Added { get; } = [];

    public List<long> Removed { get; } = [];

    public int Matched { get; private set; }

    public List<string> OnlyInA { get; } = [];

    public List<string> OnlyInB { get; } = [];

    /// <summary>Columns in both whose element type differs: not compared.</summary>
    public List<string> TypeChanged { get; } = [];

    public List<(string Column, int Changed)> Columns { get; } = [];

    /// <summary>Entities with any change among the compared columns.</summary>
    public int ChangedEntities { get; private set; }

    /// <summary>The first changed entities: id, and per changed column the old and new value.</summary>
    public List<(long Id, List<(string Column, string A, string B)> Changes)> Samples { get; } = [];

    public static SaveDiff Compute(SaveFile a, SaveFile b, int sampleLimit)
    {
        var diff = new SaveDiff { A = a, B = b };
        diff.Run(sampleLimit);
        return diff;
    }

    private void Run(int sampleLimit)
    {
        var idsA = ReadIds(A);
        var idsB = ReadIds(B);
        var rowB = new Dictionary<long, int>(idsB.Length);
        for (var r = 0; r < idsB.Length; r++) rowB[idsB[r]] = r;
        var inA = new HashSet<long>(idsA);
        Added.AddRange(idsB.Where(id => !inA.Contains(id)));

        // pairs[rowA] = row in B, or -1 when the entity was removed.
        var pairs = new int[idsA.Length];
        for (var r = 0; r < idsA.Length; r++)
        {
            pairs[r] = rowB.GetValueOrDefault(idsA[r], -1);
            if (pairs[r] < 0) Removed.Add(idsA[r]);
        }

        // Ascending, not row order: rows are shuffled by despawns, and a reader scans ids by value.
        Added.Sort();
        Removed.Sort();
        Matched = idsA.Length - Removed.Count;
        var anyChange = new bool[idsA.Length];
        var samples = new SortedDictionary<int, List<(string, string, string)>>();
        foreach (var column in A.Schema.Columns.Skip(1))
        {
            var other = B.Schema.Find(column.Name);
            if (other is null) OnlyInA.Add(column.Name);
            else if (!other.HasSameStorage(column)) TypeChanged.Add(column.Name);
            else Columns.Add((column.Name, CompareColumn(column.Name, pairs, anyChange, samples, sampleLimit)));
        }

        OnlyInB.AddRange(B.Schema.Columns.Where(c => A.Schema.Find(c.Name) is null).Select(c => c.Name));
        ChangedEntities = anyChange.Count(x => x);
        Samples.AddRange(samples.Select(s => (idsA[s.Key], s.Value)));
    }

    private int CompareColumn(string name, int[] pairs, bool[] anyChange, SortedDictionary<int, List<(string, string, string)>> samples, int limit)
    {
        var a = new ColumnCursor(A, A.Schema.IndexOf(name));
        var b = new ColumnCursor(B, B.Schema.IndexOf(name));
        a.Load(0, A.Header.EntityCount);
        b.Load(0, B.Header.EntityCount);
        var changed = 0;
        for (var row = 0; row < pairs.Length; row++)
        {
            if (pairs[row] < 0 || a[row].SequenceEqual(b[pairs[row]])) continue;
            changed++;
            anyChange[row] = true;
            // Rows arrive in ascending order and the cut-off only falls, so an evicted row never returns:
            // the survivors are the first changed rows, each with every one of its changes.
            if (samples.Count >= limit && row > samples.Keys.Last()) continue;
            if (!samples.TryGetValue(row, out var list)) samples[row] = list = [];
            list.Add((name, ValueText.ForTable(a.Type, a[row]), ValueText.ForTable(b.Type, b[pairs[row]])));
            if (samples.Count > limit) samples.Remove(samples.Keys.Last());
        }

        return changed;
    }

    private static long[] ReadIds(SaveFile file)
    {
        var cursor = new ColumnCursor(file, 0);
        cursor.Load(0, file.Header.EntityCount);
        var ids = new long[file.Header.EntityCount];
        for (var i = 0; i < ids.Length; i++) ids[i] = BinaryPrimitives.ReadInt64LittleEndian(cursor[i]);
        return ids;
    }
}
