namespace GameServer.Server.Logging;

/// <summary>Which of the process's two console streams a line goes to.</summary>
public enum ConsoleStream
{
    /// <summary>Standard output: information, debug and trace lines, and command replies.</summary>
    Output,

    /// <summary>Standard error: warnings and errors.</summary>
    Error,
}
