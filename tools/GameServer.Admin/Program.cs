using GameServer.Admin;
using GameServer.Cli;
using GameServer.Protocol.Admin;

// gameadmin: one-shot or interactive client of the server's remote admin channel.
// Exit codes: 0 success, 1 command failed (or connection lost during it), 2 usage/key/connection/authentication.
return ToolCommandLine.Run(AdminArgs.CreateCommand(options => RunAsync(options).GetAwaiter().GetResult()), args, Console.Out, Console.Error);

static async Task<int> RunAsync(AdminArgs options)
{
    AdminKey key;
    try
    {
        key = AdminKey.ReadFile(options.KeyFile);
    }
    catch (AdminKeyException e)
    {
        return Fail(ExitCodes.Usage, e.Message);
    }

    AdminClient client;
    try
    {
        client = await AdminClient.ConnectAsync(options.Host, options.Port, key, options.Timeout);
    }
    catch (AdminClientException e)
    {
        return Fail(ExitCodes.Usage, $"{options.Host}:{options.Port}: {e.Message}");
    }

    using (client)
    {
        if (options.Command is { } command) return await Run(client, command, options.Timeout);

        var editor = Console.IsInputRedirected ? null : new LineEditor("admin> ");
        while ((editor is null ? Console.ReadLine() : editor.ReadLine()) is { } line)
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0) continue;
            if (trimmed is "exit" or "quit") break;
            if (await Run(client, trimmed, options.Timeout) == ExitCodes.Failed && client.IsClosed) return ExitCodes.Failed;
        }

        return ExitCodes.Ok;
    }
}

static async Task<int> Run(AdminClient client, string line, TimeSpan timeout)
{
    try
    {
        using var cancel = new CancellationTokenSource(timeout);
        var result = await client.RunAsync(line, Console.Out.WriteLine, cancel.Token);
        return result.Succeeded ? ExitCodes.Ok : Fail(ExitCodes.Failed, $"'{line}' failed: {result.Reason}");
    }
    catch (AdminClientException e)
    {
        return Fail(ExitCodes.Failed, $"'{line}': {e.Message}");
    }
    catch (OperationCanceledException)
    {
        return Fail(ExitCodes.Failed, $"'{line}': no end of reply within {timeout.TotalSeconds:0.#} s");
    }
}

static int Fail(int code, string message)
{
    Console.Error.WriteLine("gameadmin: " + message);
    return code;
}
