using System.Globalization;

namespace GameServer.Protocol.Players;

/// <summary>What a player name may be: 1-32 characters, printable, no control or formatting characters.</summary>
public static class PlayerNames
{
    /// <summary>Why <paramref name="name"/> is not a valid player name, or null when it is.</summary>
    /// <remarks>
    /// Format characters (zero-width joiners, bidi overrides) and lone surrogates are refused too: they make
    /// two names look alike, or a log line read differently from what it says. Leading or trailing spaces
    /// are refused so that "bob" and "bob " are not two players.
    /// </remarks>
    public static string? Validate(string? name)
    {
        if (string.IsNullOrEmpty(name)) return "a name needs 1 to 32 characters";
        if (name.Length > PlayerProtocol.MaxNameLength) return "a name has at most 32 characters";
        if (char.IsWhiteSpace(name[0]) || char.IsWhiteSpace(name[^1])) return "a name does not start or end with a space";
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsSurrogate(c))
            {
                if (!char.IsSurrogatePair(name, i)) return "a name holds only valid characters";
                i++;
                continue;
            }

            var category = char.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator or UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse)
            {
                return "a name holds only printable characters";
            }
        }

        return null;
    }
}
