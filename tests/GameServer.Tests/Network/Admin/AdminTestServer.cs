using System.Collections.Concurrent;
using GameServer.Protocol.Admin;
using GameServer.Server.Commands;
using GameServer.Server.Network.Admin;
using GameServer.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace GameServer.Tests.Network.Admin;

/// <summary>An <see cref="AdminListener"/> on a free loopback port with a scripted command runner and a fake clock.</summary>
internal sealed class AdminTestServer : IDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    public AdminTestServer(AdminListenerOptions? options = null)
    {
        Listener = new AdminListener((options ?? new AdminListenerOptions()) with { Port = 0 }, Key, Runner.RunAsync, Log, Clock);
        Listener.Start();
    }

    public AdminKey Key { get; } = AdminKey.Generate();

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.Parse("2026-11-25T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public ListLogger Log { get; } = new();

    public ScriptedRunner Runner { get; } = new();

    public AdminListener Listener { get; }

    public int Port => Listener.Port;

    public Task<AdminClient> ConnectAsync(AdminKey? key = null) =>
        AdminClient.ConnectAsync("127.0.0.1", Port, key ?? Key, Wait);

    public void Dispose() => Listener.Dispose();

    /// <summary>
    /// Stands in for the command registry: answers "fail ..." with a failure, "slow" only when released,
    /// anything else with two lines and success, and ends the reply as the registry does.
    /// </summary>
    internal sealed class ScriptedRunner
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ConcurrentQueue<(string Line, CommandCaller Caller)> Calls { get; } = new();

        public void Release() => _release.TrySetResult();

        public async Task<CommandOutcome> RunAsync(string line, CommandCaller caller, ICommandOutput reply)
        {
            Calls.Enqueue((line, caller));
            CommandOutcome outcome;
            if (line.StartsWith("fail", StringComparison.Ordinal))
            {
                reply.WriteLine("error: it went wrong");
                outcome = CommandOutcome.Failed("it went wrong");
            }
            else
            {
                if (line == "slow") await _release.Task.ConfigureAwait(false);
                reply.WriteLine("ran " + line);
                reply.WriteLine("second line");
                outcome = CommandOutcome.Success;
            }

            reply.EndReply(outcome);
            return outcome;
        }
    }
}
