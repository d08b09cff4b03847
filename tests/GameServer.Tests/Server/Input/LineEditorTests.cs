using GameServer.Server.Input;

namespace GameServer.Tests.Server.Input;

public class LineEditorTests
{
    private static readonly string[] Commands = ["help", "load", "quit", "save", "save-off", "save-on", "saves", "status", "stop"];

    [Test]
    public void Typing_editing_keys_and_enter_give_the_line()
    {
        var editor = NewEditor();
        Type(editor, "sttus");
        Press(editor, ConsoleKey.LeftArrow, times: 3);
        Type(editor, "a");
        Assert.That((editor.Text, editor.Cursor), Is.EqualTo(("status", 3)));
        Press(editor, ConsoleKey.End);
        Press(editor, ConsoleKey.Backspace);
        Type(editor, "s");
        Press(editor, ConsoleKey.Home);
        Press(editor, ConsoleKey.Delete);
        Type(editor, "S");
        var edit = editor.Apply(Key(ConsoleKey.Enter, '\r'));
        Assert.That(edit, Is.EqualTo(new LineEdit(LineEditKind.Submitted, "Status")));
        Assert.That((editor.Text, editor.Cursor), Is.EqualTo(("", 0)));
    }

    [Test]
    public void Control_keys_move_and_delete_like_readline()
    {
        var editor = NewEditor();
        Type(editor, "save my label");
        Assert.That(Control(editor, ConsoleKey.W).Kind, Is.EqualTo(LineEditKind.Changed));
        Assert.That(editor.Text, Is.EqualTo("save my "));
        Control(editor, ConsoleKey.A);
        Assert.That(editor.Cursor, Is.Zero);
        Control(editor, ConsoleKey.F);
        Control(editor, ConsoleKey.K);
        Assert.That(editor.Text, Is.EqualTo("s"));
        Control(editor, ConsoleKey.E);
        Control(editor, ConsoleKey.U);
        Assert.That(editor.Text, Is.Empty);
        Assert.That(Control(editor, ConsoleKey.D).Kind, Is.EqualTo(LineEditKind.EndOfInput), "Ctrl-D on an empty line");
    }

    [Test]
    public void Up_and_down_browse_history_and_bring_back_the_line_being_typed()
    {
        var editor = NewEditor();
        Submit(editor, "status");
        Submit(editor, "save one");
        Submit(editor, "save one");
        Submit(editor, "   ");
        Type(editor, "hel");
        Press(editor, ConsoleKey.UpArrow);
        Assert.That(editor.Text, Is.EqualTo("save one"), "repeats and blank lines are kept once / not at all");
        Press(editor, ConsoleKey.UpArrow);
        Assert.That((editor.Text, editor.Cursor), Is.EqualTo(("status", 6)));
        Assert.That(editor.Apply(Key(ConsoleKey.UpArrow)).Kind, Is.EqualTo(LineEditKind.None), "nothing older");
        Press(editor, ConsoleKey.DownArrow);
        Press(editor, ConsoleKey.DownArrow);
        Assert.That(editor.Text, Is.EqualTo("hel"), "down past the newest restores the draft");
        Assert.That(editor.History.Count, Is.EqualTo(2));
    }

    [Test]
    public void Tab_completes_a_unique_command_name_and_adds_a_space()
    {
        var editor = NewEditor();
        Type(editor, "st");
        Press(editor, ConsoleKey.Tab);
        Assert.That(editor.Text, Is.EqualTo("st"), "status and stop share only 'st'");
        Type(editor, "a");
        Press(editor, ConsoleKey.Tab);
        Assert.That((editor.Text, editor.Cursor), Is.EqualTo(("status ", 7)));
    }

    [Test]
    public void Tab_extends_to_the_common_start_then_lists_the_candidates()
    {
        var editor = NewEditor();
        Type(editor, "sa");
        Assert.That(editor.Apply(Key(ConsoleKey.Tab, '\t')).Kind, Is.EqualTo(LineEditKind.Changed));
        Assert.That(editor.Text, Is.EqualTo("save"));
        var edit = editor.Apply(Key(ConsoleKey.Tab, '\t'));
        Assert.That(edit.Kind, Is.EqualTo(LineEditKind.Candidates));
        Assert.That(edit.Candidates, Is.EqualTo(new[] { "save", "save-off", "save-on", "saves" }));
    }

    [Test]
    public void Tab_completes_only_the_first_word()
    {
        var editor = NewEditor();
        Type(editor, "load st");
        Assert.That(editor.Apply(Key(ConsoleKey.Tab, '\t')).Kind, Is.EqualTo(LineEditKind.None));
        Assert.That(editor.Text, Is.EqualTo("load st"));
    }

    [Test]
    public void A_long_line_shows_a_window_that_keeps_the_cursor_in_view()
    {
        var editor = NewEditor();
        Type(editor, new string('a', 30) + new string('b', 30));
        var (visible, cursor) = editor.View(21);
        Assert.That((visible, cursor), Is.EqualTo((new string('b', 20), 20)), "end of the line, one column left free");
        Press(editor, ConsoleKey.Home);
        (visible, cursor) = editor.View(21);
        Assert.That((visible, cursor), Is.EqualTo((new string('a', 20), 0)));
        Assert.That(NewEditor().View(21), Is.EqualTo(("", 0)));
    }

    private static LineEditor NewEditor() => new(() => Commands);

    private static ConsoleKeyInfo Key(ConsoleKey key, char c = '\0', bool control = false) => new(c, key, shift: false, alt: false, control);

    private static void Type(LineEditor editor, string text)
    {
        foreach (var c in text) editor.Apply(new ConsoleKeyInfo(c, c == ' ' ? ConsoleKey.Spacebar : ConsoleKey.A, false, false, false));
    }

    private static void Press(LineEditor editor, ConsoleKey key, int times = 1)
    {
        for (var i = 0; i < times; i++) editor.Apply(Key(key));
    }

    private static LineEdit Control(LineEditor editor, ConsoleKey key) => editor.Apply(Key(key, (char)(key - ConsoleKey.A + 1), control: true));

    private static void Submit(LineEditor editor, string line)
    {
        Type(editor, line);
        editor.Apply(Key(ConsoleKey.Enter, '\r'));
    }
}
