namespace GameServer.Persistence.Storage;

/// <summary>The names every store accepts: plain names that cannot escape the store or hit its own files.</summary>
internal static class StoreNames
{
    /// <summary>Longest name accepted (file systems allow 255 bytes; a temp name adds about 40).</summary>
    public const int MaxLength = 200;

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="name"/> is a plain, non-reserved name.</summary>
    public static void Validate(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var problem = name.Length == 0 ? "is empty"
            : name.Length > MaxLength ? $"is longer than {MaxLength} characters"
            : name.StartsWith('.') ? "starts with '.' (reserved to the store)"
            : name.AsSpan().IndexOfAny('/', '\\', '\0') >= 0 ? "contains a path separator"
            : null;
        if (problem is not null) throw new ArgumentException($"save name '{name}' {problem}", nameof(name));
    }
}
