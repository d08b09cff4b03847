using GameServer.Admin;
using GameServer.Protocol.Admin;

// gameadmin: one-shot or interactive client of the server's remote admin channel.
// Exit codes: 0 success, 1 command failed (or connection lost during it), 2 usage/key/connection/authentication.
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(AdminArgs.Usage);
    return 0;
}

AdminArgs options;
AdminKey key;
try
{
    options = AdminArgs.Parse(args);
    key = AdminKey.ReadFile(options.KeyFile);
}
catch (FormatException e)
{
    return Fail(2, e.Message + " (see --help)");
}
catch (AdminKeyException e)
{
    return Fail(2, e.Message);
}

AdminClient client;
try
{
    client = await AdminClient.ConnectAsync(options.Host, options.Port, key, options.Timeout);
}
catch (AdminClientException e)
{
    return Fail(2, $"{options.Host}:{options.Port}: {e.Message}");
}

using (client)
{
    if (options.Command is { } command) return await Run(client, command, options.Timeout);

    var editor = Console.IsInputRedirected ? null : new LineEditor("admin> ");
    while ((editor is null ? Console.ReadLine() : editor.ReadLine()) is { } line)
    {
        if (line.Trim() is "") continue;
        if (line.Trim() is "exit" or "quit") break;
        if (await Run(client, line.Trim(), options.Timeout) == 1 && client.IsClosed) return 1;
    }

    return 0;
}

static async Task<int> Run(AdminClient client, string line, TimeSpan timeout)
{
    try
    {
        using var cancel = new CancellationTokenSource(timeout);
        var result = await client.RunAsync(line, Console.Out.WriteLine, cancel.Token);
        return result.Succeeded ? 0 : Fail(1, $"'{line}' failed: {result.Reason}");
    }
    catch (AdminClientException e)
    {
        return Fail(1, $"'{line}': {e.Message}");
    }
    catch (OperationCanceledException)
    {
        return Fail(1, $"'{line}': no end of reply within {timeout.TotalSeconds:0.#} s");
    }
}

static int Fail(int code, string message)
{
    Console.Error.WriteLine("gameadmin: " + message);
    return code;
}
