namespace GameServer.Persistence.Storage;

/// <summary>A put named a save that already exists; the existing save is untouched.</summary>
public sealed class SaveAlreadyExistsException : IOException
{
    /// <summary>Creates the exception for the save at <paramref name="location"/>.</summary>
    public SaveAlreadyExistsException(string location)
        : base($"a save already exists at {location}; saves are never overwritten")
    {
        SaveLocation = location;
    }

    /// <summary>Where the existing save is.</summary>
    public string SaveLocation { get; }
}
