namespace GameServer.Cli;

/// <summary>The exit codes every tool of the project uses.</summary>
public static class ExitCodes
{
    /// <summary>Success, including <c>--help</c> and <c>--version</c>.</summary>
    public const int Ok = 0;

    /// <summary>The work failed: bad or invalid input, an unwritable output, a failed start.</summary>
    public const int Failed = 1;

    /// <summary>A wrong command line: unknown option or verb, bad value, missing argument.</summary>
    public const int Usage = 2;
}
