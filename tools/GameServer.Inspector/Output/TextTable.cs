namespace GameServer.Inspector.Output;

/// <summary>An aligned plain-text table: a header row, then rows; numeric columns right-aligned.</summary>
internal sealed class TextTable
{
    private readonly string[] _headers;
    private readonly bool[] _rightAligned;
    private readonly List<string[]> _rows = [];

    public TextTable(params string[] headers)
    {
        _headers = headers;
        _rightAligned = new bool[headers.Length];
    }

    public int RowCount => _rows.Count;

    /// <summary>Right-aligns the named columns (numbers line up by their last digit).</summary>
    public TextTable AlignRight(params string[] headers)
    {
        foreach (var header in headers) _rightAligned[Array.IndexOf(_headers, header)] = true;
        return this;
    }

    public TextTable AlignRight(int column)
    {
        _rightAligned[column] = true;
        return this;
    }

    public void Add(params string[] cells)
    {
        if (cells.Length != _headers.Length) throw new ArgumentException($"row has {cells.Length} cells, table has {_headers.Length} columns", nameof(cells));
        _rows.Add(cells);
    }

    public void Write(TextWriter writer)
    {
        var widths = _headers.Select((h, c) => _rows.Select(r => r[c].Length).Append(h.Length).Max()).ToArray();
        WriteRow(writer, _headers, widths);
        foreach (var row in _rows) WriteRow(writer, row, widths);
    }

    private void WriteRow(TextWriter writer, string[] cells, int[] widths)
    {
        var padded = cells.Select((cell, c) => _rightAligned[c] ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]));
        writer.WriteLine(string.Join("  ", padded).TrimEnd());
    }
}
