namespace GameServer.Inspector.Cli;

/// <summary>
/// Bad input that the save reader does not see (a missing folder, an unwritable output): exit code 1.
/// The message already names the path and says what is wrong.
/// </summary>
internal sealed class InspectException(string message) : Exception(message);
