using System.Text;

namespace GameServer.Server.Input;

/// <summary>
/// The line being typed at the interactive console: insert and delete at a cursor, readline's usual keys,
/// history on up/down and tab completion of the first word (command names). Knows nothing of the terminal:
/// <see cref="TerminalConsole"/> feeds it keys and draws <see cref="View"/>.
/// </summary>
/// <remarks>
/// Keys: Left/Right, Home/End (Ctrl-A/Ctrl-E), Backspace/Delete, Ctrl-U and Ctrl-K (delete to start/end),
/// Ctrl-W (delete word), Up/Down (Ctrl-P/Ctrl-N) history, Tab completion, Esc clears, Enter submits,
/// Ctrl-D on an empty line ends input. Not thread-safe: one key thread owns it.
/// </remarks>
public sealed class LineEditor
{
    private readonly StringBuilder _text = new();
    private readonly Func<IEnumerable<string>> _completions;

    /// <summary>Completes first words from <paramref name="completions"/> (asked at each Tab).</summary>
    public LineEditor(Func<IEnumerable<string>> completions, LineHistory? history = null)
    {
        _completions = completions ?? throw new ArgumentNullException(nameof(completions));
        History = history ?? new LineHistory();
    }

    /// <summary>Entered lines.</summary>
    public LineHistory History { get; }

    /// <summary>The text typed so far.</summary>
    public string Text => _text.ToString();

    /// <summary>Position of the cursor in <see cref="Text"/> (0 = before the first character).</summary>
    public int Cursor { get; private set; }

    /// <summary>Applies one key.</summary>
    public LineEdit Apply(ConsoleKeyInfo key)
    {
        if ((key.Modifiers & ConsoleModifiers.Control) != 0 && key.Key is >= ConsoleKey.A and <= ConsoleKey.Z) return Control(key.Key);
        switch (key.Key)
        {
            case ConsoleKey.Enter:
                var line = Text;
                Set("");
                History.Add(line);
                return new LineEdit(LineEditKind.Submitted, line);
            case ConsoleKey.Backspace:
                if (Cursor == 0) return default;
                _text.Remove(--Cursor, 1);
                return Changed;
            case ConsoleKey.Delete:
                if (Cursor == _text.Length) return default;
                _text.Remove(Cursor, 1);
                return Changed;
            case ConsoleKey.LeftArrow:
                return MoveTo(Cursor - 1);
            case ConsoleKey.RightArrow:
                return MoveTo(Cursor + 1);
            case ConsoleKey.Home:
                return MoveTo(0);
            case ConsoleKey.End:
                return MoveTo(_text.Length);
            case ConsoleKey.UpArrow:
                return Recall(History.Previous(Text));
            case ConsoleKey.DownArrow:
                return Recall(History.Next());
            case ConsoleKey.Tab:
                return Complete();
            case ConsoleKey.Escape:
                Set("");
                return Changed;
        }

        if (key.KeyChar == '\0' || char.IsControl(key.KeyChar)) return default;
        _text.Insert(Cursor++, key.KeyChar);
        return Changed;
    }

    /// <summary>
    /// The part of the text to show in <paramref name="width"/> columns and the cursor's column in it: all of it
    /// when it fits, else a window that keeps the cursor in view (the line never wraps, so redrawing stays one row).
    /// </summary>
    public (string Visible, int Cursor) View(int width)
    {
        var columns = Math.Max(width - 1, 4); // the last column stays free: writing there wraps on some terminals
        if (_text.Length <= columns) return (Text, Cursor);
        var start = Math.Clamp(Cursor - columns + 1, 0, _text.Length - columns);
        return (_text.ToString(start, columns), Cursor - start);
    }

    private static LineEdit Changed => new(LineEditKind.Changed);

    private LineEdit Control(ConsoleKey key)
    {
        switch (key)
        {
            case ConsoleKey.A:
                return MoveTo(0);
            case ConsoleKey.E:
                return MoveTo(_text.Length);
            case ConsoleKey.B:
                return MoveTo(Cursor - 1);
            case ConsoleKey.F:
                return MoveTo(Cursor + 1);
            case ConsoleKey.P:
                return Recall(History.Previous(Text));
            case ConsoleKey.N:
                return Recall(History.Next());
            case ConsoleKey.U:
                _text.Remove(0, Cursor);
                Cursor = 0;
                return Changed;
            case ConsoleKey.K:
                _text.Remove(Cursor, _text.Length - Cursor);
                return Changed;
            case ConsoleKey.W:
                var start = Cursor;
                while (start > 0 && _text[start - 1] == ' ') start--;
                while (start > 0 && _text[start - 1] != ' ') start--;
                _text.Remove(start, Cursor - start);
                Cursor = start;
                return Changed;
            case ConsoleKey.D:
                if (_text.Length == 0) return new LineEdit(LineEditKind.EndOfInput);
                if (Cursor == _text.Length) return default;
                _text.Remove(Cursor, 1);
                return Changed;
            default:
                return default;
        }
    }

    private LineEdit MoveTo(int cursor)
    {
        cursor = Math.Clamp(cursor, 0, _text.Length);
        if (cursor == Cursor) return default;
        Cursor = cursor;
        return Changed;
    }

    private LineEdit Recall(string? line)
    {
        if (line is null) return default;
        Set(line);
        return Changed;
    }

    private void Set(string text)
    {
        _text.Clear().Append(text);
        Cursor = _text.Length;
    }

    /// <summary>Completes the first word when the cursor is at its end: the whole word if one name fits, else their common start.</summary>
    private LineEdit Complete()
    {
        var text = Text;
        var typed = text[..Cursor];
        if (typed.Contains(' ', StringComparison.Ordinal) || (Cursor < text.Length && text[Cursor] != ' ')) return default;
        var matches = _completions()
            .Where(name => name.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (matches.Count == 0) return default;
        var rest = text[Cursor..];
        if (matches.Count == 1)
        {
            var completed = matches[0] + " ";
            _text.Clear().Append(completed).Append(rest.TrimStart(' '));
            Cursor = completed.Length;
            return Changed;
        }

        var common = CommonPrefix(matches);
        if (common.Length > typed.Length)
        {
            _text.Clear().Append(common).Append(rest);
            Cursor = common.Length;
            return Changed;
        }

        return new LineEdit(LineEditKind.Candidates, Candidates: matches);
    }

    private static string CommonPrefix(List<string> words)
    {
        var length = words[0].Length;
        foreach (var word in words)
        {
            var i = 0;
            while (i < length && i < word.Length && char.ToLowerInvariant(word[i]) == char.ToLowerInvariant(words[0][i])) i++;
            length = i;
        }

        return words[0][..length];
    }
}
