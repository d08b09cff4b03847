namespace GameServer.Server.Input;

/// <summary>Lines entered before, oldest first, browsed with up and down; the line being typed is kept while browsing.</summary>
/// <remarks>Blank lines and a repeat of the newest line are not added. Not thread-safe: the console's key thread owns it.</remarks>
public sealed class LineHistory
{
    private readonly List<string> _lines = [];
    private readonly int _limit;
    private int _position;
    private string _draft = "";

    /// <summary>Keeps the newest <paramref name="limit"/> lines.</summary>
    public LineHistory(int limit = 200)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        _limit = limit;
    }

    /// <summary>Lines kept.</summary>
    public int Count => _lines.Count;

    /// <summary>Adds an entered line and ends browsing.</summary>
    public void Add(string line)
    {
        if (!string.IsNullOrWhiteSpace(line) && (_lines.Count == 0 || _lines[^1] != line))
        {
            _lines.Add(line);
            if (_lines.Count > _limit) _lines.RemoveAt(0);
        }

        _position = _lines.Count;
        _draft = "";
    }

    /// <summary>The line before the one shown, or null at the oldest; <paramref name="current"/> is kept as the draft when browsing starts.</summary>
    public string? Previous(string current)
    {
        if (_position == _lines.Count) _draft = current;
        if (_position == 0) return null;
        return _lines[--_position];
    }

    /// <summary>The line after the one shown, the draft after the newest, or null when not browsing.</summary>
    public string? Next()
    {
        if (_position >= _lines.Count) return null;
        _position++;
        return _position == _lines.Count ? _draft : _lines[_position];
    }
}
