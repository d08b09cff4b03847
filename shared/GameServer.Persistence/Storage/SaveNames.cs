using System.Globalization;
using System.Text.RegularExpressions;
using GameServer.Persistence.Format;

namespace GameServer.Persistence.Storage;

/// <summary>
/// File names of saves: <c>auto-&lt;utc&gt;-t&lt;tick&gt;.gsav</c> and <c>manual[-&lt;label&gt;]-&lt;utc&gt;-t&lt;tick&gt;.gsav</c>.
/// Names carry the wall time for people; nothing orders by them (the header's sequence does, see
/// <see cref="SaveOrder"/>). Temp files start with a dot and end in <c>.tmp</c>, never <c>.gsav</c>.
/// </summary>
public static partial class SaveNames
{
    /// <summary>Longest label accepted.</summary>
    public const int MaxLabelLength = 48;

    private const string TimeFormat = "yyyyMMdd'T'HHmmssfff'Z'";

    /// <summary>Name of an autosave.</summary>
    public static string Auto(DateTime utc, long tick) => $"auto-{Stamp(utc)}-t{tick:D10}{SaveFormat.Extension}";

    /// <summary>Name of a manual save; <paramref name="label"/> must pass <see cref="ValidateLabel"/>.</summary>
    public static string Manual(string? label, DateTime utc, long tick)
    {
        if (string.IsNullOrEmpty(label)) return $"manual-{Stamp(utc)}-t{tick:D10}{SaveFormat.Extension}";
        var error = ValidateLabel(label);
        if (error is not null) throw new ArgumentException(error, nameof(label));
        return $"manual-{label}-{Stamp(utc)}-t{tick:D10}{SaveFormat.Extension}";
    }

    /// <summary>
    /// <paramref name="name"/> made unique by the save's sequence (<c>...-t&lt;tick&gt;-s&lt;sequence&gt;.gsav</c>): for the
    /// rare save whose wall time and tick equal an existing one's (the clock was set back after a rollback).
    /// </summary>
    public static string WithSequence(string name, long sequence)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!name.EndsWith(SaveFormat.Extension, StringComparison.Ordinal)) throw new ArgumentException($"'{name}' is not a save name", nameof(name));
        return $"{name[..^SaveFormat.Extension.Length]}-s{sequence}{SaveFormat.Extension}";
    }

    /// <summary>Temp name a folder store writes <paramref name="finalName"/> under: hidden, unique, and never ending in .gsav.</summary>
    public static string Temp(string finalName) => $".{finalName}.{Guid.NewGuid():N}.tmp";

    /// <summary>Ending of a save set aside because it failed verification (see <see cref="ISaveStore.QuarantineAsync"/>).</summary>
    public const string CorruptSuffix = ".corrupt";

    /// <summary>Most names <see cref="ISaveStore.QuarantineAsync"/> tries before it gives up.</summary>
    public const int MaxCorruptNameAttempts = 100;

    /// <summary>
    /// The name save <paramref name="name"/> is set aside under: <c>&lt;name&gt;.corrupt</c> on the first
    /// <paramref name="attempt"/> (0), <c>&lt;name&gt;.&lt;attempt&gt;.corrupt</c> when that is taken. Never ends in .gsav,
    /// so no listing of saves sees it and retention never deletes it.
    /// </summary>
    public static string Corrupt(string name, int attempt) =>
        attempt == 0 ? name + CorruptSuffix : $"{name}.{attempt.ToString(CultureInfo.InvariantCulture)}{CorruptSuffix}";

    /// <summary>Whether <paramref name="name"/> has the shape of a <see cref="Temp"/> name (hidden, with a suffix, ending in .tmp).</summary>
    public static bool IsTemp(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var inner = name.IndexOf('.', 1);
        return name.StartsWith('.') && name.EndsWith(".tmp", StringComparison.Ordinal) && inner > 1 && inner < name.Length - ".tmp".Length;
    }

    /// <summary>Null when <paramref name="label"/> is acceptable, else why not.</summary>
    /// <remarks>Letters, digits, '-' and '_' only, starting with a letter or digit: no separators, no "..", no surprises in a shell.</remarks>
    public static string? ValidateLabel(string? label)
    {
        if (string.IsNullOrEmpty(label)) return "label is empty";
        if (label.Length > MaxLabelLength) return $"label is longer than {MaxLabelLength} characters";
        if (!LabelPattern().IsMatch(label)) return "label may contain only letters, digits, '-' and '_', and must start with a letter or digit";
        return null;
    }

    /// <summary>Parses a save file name; false for anything that is not one.</summary>
    public static bool TryParse(string fileName, out SaveName name)
    {
        name = default;
        var match = NamePattern().Match(fileName ?? "");
        if (!match.Success) return false;
        if (!DateTime.TryParseExact(match.Groups["utc"].Value, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var utc))
            return false;
        if (!long.TryParse(match.Groups["tick"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var tick)) return false;
        var kind = match.Groups["kind"].Value == "auto" ? SaveKind.Auto : SaveKind.Manual;
        var label = match.Groups["label"].Success ? match.Groups["label"].Value : "";
        name = new SaveName(fileName!, kind, label, utc, tick);
        return true;
    }

    private static string Stamp(DateTime utc) => utc.ToUniversalTime().ToString(TimeFormat, CultureInfo.InvariantCulture);

    // \z, not $: $ also matches before a final newline, which would let "name\n" through.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_-]*\z")]
    private static partial Regex LabelPattern();

    [GeneratedRegex(@"^(?<kind>auto|manual)(?:-(?<label>[A-Za-z0-9][A-Za-z0-9_-]*?))?-(?<utc>\d{8}T\d{9}Z)-t(?<tick>\d+)(?:-s\d+)?\.gsav\z")]
    private static partial Regex NamePattern();
}
