using GameServer.Persistence.Format;

namespace GameServer.Persistence.Reading;

/// <summary>Which world saves belong to: its name and its random 128-bit id, both recorded in every save's header.</summary>
/// <remarks>
/// The id lives in the saves themselves (no side file), so it survives restarts and works through any store:
/// the folder's world id is the id of its newest save of that name that carries one; a fresh folder (or one
/// holding only saves from before ids existed) gets a new one with its next save. Saves without an id match any
/// id of their name.
/// </remarks>
/// <param name="Name">The world's name (the store's folder or prefix).</param>
/// <param name="Id">The world's id.</param>
public sealed record WorldIdentity(string Name, Guid Id)
{
    /// <summary>Null when <paramref name="header"/> belongs to this world, else why not (naming both worlds).</summary>
    public string? WhyForeign(SaveHeader header)
    {
        if (WhyOtherName(header) is { } otherName) return otherName;
        if (header.WorldId != Guid.Empty && Id != Guid.Empty && header.WorldId != Id)
            return $"it belongs to another world named '{Name}' (world id {header.WorldId}); this world's id is {Id}";
        return null;
    }

    /// <summary>Null when <paramref name="header"/> names this world, else why not (naming both worlds); ids are not compared.</summary>
    public string? WhyOtherName(SaveHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        return string.Equals(header.WorldName, Name, StringComparison.Ordinal)
            ? null
            : $"it belongs to world {Describe(header.WorldName, header.WorldId)}, not to this world {(Id == Guid.Empty ? $"'{Name}'" : Describe(Name, Id))}";
    }

    /// <summary>
    /// The identity of world <paramref name="name"/> whose saves are <paramref name="newestFirst"/>: the id of the
    /// newest save of that name that carries one, else a new random id.
    /// </summary>
    public static WorldIdentity Resolve(string name, IEnumerable<SaveEntry> newestFirst)
    {
        ArgumentNullException.ThrowIfNull(newestFirst);
        foreach (var entry in newestFirst)
        {
            if (entry.WorldName == name && entry.WorldId is { } id) return new WorldIdentity(name, id);
        }

        return new WorldIdentity(name, Guid.NewGuid());
    }

    /// <summary>A world for messages: <c>'name' (id)</c>, control characters of a hostile header shown as '?'.</summary>
    public static string Describe(string? name, Guid id)
    {
        var printable = string.Create((name ?? "").Length, name ?? "", (span, source) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = char.IsControl(source[i]) ? '?' : source[i];
        });
        return id == Guid.Empty ? $"'{printable}' (no world id)" : $"'{printable}' ({id})";
    }
}
