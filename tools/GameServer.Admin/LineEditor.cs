namespace GameServer.Admin;

/// <summary>
/// A prompt for terminals: reads one line with left/right, backspace, delete, home/end and up/down through
/// this session's history. Null at Ctrl-D on an empty line.
/// </summary>
internal sealed class LineEditor(string prompt)
{
    private readonly List<string> _history = [];

    public string? ReadLine()
    {
        Console.Write(prompt);
        var line = new List<char>();
        var cursor = 0;
        var recall = _history.Count;
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    Console.WriteLine();
                    var text = new string([.. line]);
                    if (text.Trim().Length > 0 && (_history.Count == 0 || _history[^1] != text)) _history.Add(text);
                    return text;
                case ConsoleKey.Backspace when cursor > 0:
                    line.RemoveAt(--cursor);
                    break;
                case ConsoleKey.Delete when cursor < line.Count:
                    line.RemoveAt(cursor);
                    break;
                case ConsoleKey.LeftArrow when cursor > 0:
                    cursor--;
                    break;
                case ConsoleKey.RightArrow when cursor < line.Count:
                    cursor++;
                    break;
                case ConsoleKey.Home:
                    cursor = 0;
                    break;
                case ConsoleKey.End:
                    cursor = line.Count;
                    break;
                case ConsoleKey.UpArrow when recall > 0:
                case ConsoleKey.DownArrow when recall < _history.Count:
                    recall += key.Key == ConsoleKey.UpArrow ? -1 : 1;
                    line = [.. recall < _history.Count ? _history[recall] : string.Empty];
                    cursor = line.Count;
                    break;
                case ConsoleKey.D when key.Modifiers == ConsoleModifiers.Control && line.Count == 0:
                    Console.WriteLine();
                    return null;
                default:
                    if (!char.IsControl(key.KeyChar)) line.Insert(cursor++, key.KeyChar);
                    break;
            }

            Redraw(line, cursor);
        }
    }

    private void Redraw(List<char> line, int cursor)
    {
        // Carriage return, prompt and line, clear to the end of the terminal line, then put the cursor back.
        Console.Write("\r" + prompt + new string([.. line]) + "\u001b[K");
        var back = line.Count - cursor;
        if (back > 0) Console.Write($"\u001b[{back}D");
    }
}
