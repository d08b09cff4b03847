namespace GameServer.Server.Input;

/// <summary>What one key did to the line being edited.</summary>
public enum LineEditKind
{
    /// <summary>Nothing changed (a key without a meaning here, or nothing to complete).</summary>
    None,

    /// <summary>The text or the cursor changed: redraw.</summary>
    Changed,

    /// <summary>Enter: <see cref="LineEdit.Line"/> is the entered line; the editor is empty again.</summary>
    Submitted,

    /// <summary>Tab with several completions: show <see cref="LineEdit.Candidates"/>.</summary>
    Candidates,

    /// <summary>Ctrl-D on an empty line.</summary>
    EndOfInput,
}

/// <summary>The result of <see cref="LineEditor.Apply"/>.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Line">The entered line, for <see cref="LineEditKind.Submitted"/>.</param>
/// <param name="Candidates">The possible completions, for <see cref="LineEditKind.Candidates"/>.</param>
public readonly record struct LineEdit(LineEditKind Kind, string Line = "", IReadOnlyList<string>? Candidates = null);
