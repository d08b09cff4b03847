namespace GameServer.Bot;

/// <summary>
/// The bots' secret tokens by player name, kept in a file (one <c>name&lt;TAB&gt;base64</c> per line) so a
/// later run, or a reconnect, joins as the same players. Thread-safe.
/// </summary>
internal sealed class BotTokens
{
    private readonly Dictionary<string, byte[]> _tokens = new(StringComparer.OrdinalIgnoreCase);
    private readonly string? _path;

    /// <summary>Tokens from <paramref name="path"/> (none when null or missing).</summary>
    public BotTokens(string? path)
    {
        _path = path;
        if (path is null || !File.Exists(path)) return;
        foreach (var line in File.ReadAllLines(path))
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0) continue;
            try
            {
                _tokens[line[..tab]] = Convert.FromBase64String(line[(tab + 1)..]);
            }
            catch (FormatException)
            {
                // A damaged line loses one token; that name will be refused, which the report shows.
            }
        }
    }

    public byte[]? Get(string name)
    {
        lock (_tokens) return _tokens.GetValueOrDefault(name);
    }

    /// <summary>Stores a newly issued token and rewrites the file at once (a crash must not lose it).</summary>
    public void Set(string name, byte[] token)
    {
        lock (_tokens)
        {
            _tokens[name] = token;
            if (_path is null) return;
            var temp = _path + ".tmp";
            File.WriteAllLines(temp, _tokens.Select(p => p.Key + "\t" + Convert.ToBase64String(p.Value)));
            File.Move(temp, _path, overwrite: true);
        }
    }
}
