namespace GameServer.Inspector.Verbs;

/// <summary>
/// Running statistics of one series of numbers: a column, one component of a vector column, or the
/// lengths of a variable-length column. The histogram needs min and max, so it is filled in a second pass.
/// </summary>
internal sealed class Series(string name, string type, bool numeric, int bins)
{
    public string Name { get; } = name;

    public string Type { get; } = type;

    /// <summary>False for structs: only the count of all-zero elements means something.</summary>
    public bool Numeric { get; } = numeric;

    public long Count { get; private set; }

    /// <summary>NaN and infinities: left out of min, max, mean and the histogram.</summary>
    public long NonFinite { get; private set; }

    public long Zeros { get; private set; }

    public double Min { get; private set; } = double.PositiveInfinity;

    public double Max { get; private set; } = double.NegativeInfinity;

    public double Sum { get; private set; }

    public long Finite => Count - NonFinite;

    public double Mean => Finite == 0 ? double.NaN : Sum / Finite;

    public long[] Bins { get; } = new long[numeric ? bins : 0];

    public void Add(double value)
    {
        Count++;
        if (!double.IsFinite(value))
        {
            NonFinite++;
            return;
        }

        if (value == 0) Zeros++;
        Min = Math.Min(Min, value);
        Max = Math.Max(Max, value);
        Sum += value;
    }

    /// <summary>For non-numeric series: counts an element, and whether it is all zero bytes.</summary>
    public void AddOpaque(bool isZero)
    {
        Count++;
        if (isZero) Zeros++;
    }

    public void Bin(double value)
    {
        if (Bins.Length == 0 || !double.IsFinite(value) || Finite == 0) return;
        var span = Max - Min;
        var index = span == 0 ? 0 : (int)((value - Min) / span * Bins.Length);
        Bins[Math.Clamp(index, 0, Bins.Length - 1)]++;
    }

    /// <summary>The histogram as a line of block characters, one per bin.</summary>
    public string Sparkline()
    {
        const string levels = "▁▂▃▄▅▆▇█";
        var peak = Bins.DefaultIfEmpty(0).Max();
        if (peak == 0) return "";
        return string.Concat(Bins.Select(b => b == 0 ? ' ' : levels[(int)Math.Min(levels.Length - 1, (b * levels.Length - 1) / peak)]));
    }
}
