namespace GameServer.Protocol.Admin;

/// <summary>Bounds checks shared by the admin messages' <see cref="IAdminMessage.Validate"/>.</summary>
internal static class AdminFields
{
    public static void Bytes(byte[]? value, int length, string field)
    {
        if (value is null || value.Length != length)
            throw new AdminMessageException($"{field} must be {length} bytes (got {value?.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"})");
    }

    /// <summary>Text of at most <paramref name="maxChars"/> characters without control characters (tab allowed).</summary>
    public static void Text(string? value, int maxChars, string field, bool allowEmpty)
    {
        if (value is null) throw new AdminMessageException($"{field} is missing");
        if (value.Length == 0 && !allowEmpty) throw new AdminMessageException($"{field} is empty");
        if (value.Length > maxChars) throw new AdminMessageException($"{field} is longer than {maxChars} characters");
        foreach (var c in value)
        {
            if (char.IsControl(c) && c != '\t') throw new AdminMessageException($"{field} contains a control character");
        }
    }
}
