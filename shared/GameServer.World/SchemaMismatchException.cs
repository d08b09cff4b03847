using GameServer.World.Schema;

namespace GameServer.World;

/// <summary>A snapshot column has the same name as a world column but a different element type.</summary>
public sealed class SchemaMismatchException : Exception
{
    /// <summary>Creates the exception for column <paramref name="column"/>.</summary>
    public SchemaMismatchException(string column, ColumnDefinition saved, ColumnDefinition current)
        : base($"Column '{column}' is {saved} in the save but {current} in this world; convert the save or rename the column.")
    {
        Column = column;
    }

    /// <summary>The column whose type changed.</summary>
    public string Column { get; }
}
