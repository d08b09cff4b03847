using GameServer.Inspector.Reading;

namespace GameServer.Inspector.Output;

/// <summary>An export format: told the columns once, then handed one loaded batch of rows at a time.</summary>
/// <remarks>Disposed after <see cref="End"/> (or after a failure).</remarks>
internal interface IRowWriter : IDisposable
{
    void Begin(IReadOnlyList<ColumnCursor> columns);

    void WriteBatch(IReadOnlyList<ColumnCursor> columns, int firstRow, int count);

    void End();
}
