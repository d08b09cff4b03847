using System.Net;
using GameServer.Protocol.Admin;
using GameServer.Server.Hosting;
using GameServer.Server.Settings;
using Microsoft.Extensions.Logging;

namespace GameServer.Server.Network.Admin;

/// <summary>Starts the remote admin listener the settings ask for: finds or creates the key, binds, logs where.</summary>
internal static partial class RemoteAdmin
{
    /// <summary>The running listener, or null when remote admin is off (<c>--admin-key-file none</c>).</summary>
    /// <exception cref="StartupException">The key file cannot be used or the port cannot be bound.</exception>
    public static AdminListener? Start(ServerOptions options, RemoteCommandExecutor execute, ILogger log, TimeProvider time)
    {
        if (!options.AdminEnabled)
        {
            LogOff(log);
            return null;
        }

        var path = Path.GetFullPath(options.AdminKeyPath);
        AdminKey key;
        bool created;
        try
        {
            key = AdminKeyStore.LoadOrCreate(path, out created);
        }
        catch (AdminKeyException e)
        {
            throw new StartupException(e.Message + " (use --admin-key-file none to run without remote admin)");
        }

        // The path only: the key itself is never logged.
        if (created) LogCreated(log, path);
        else if (AdminKeyStore.IsReadableByOthers(path)) LogReadable(log, path);

        var listener = new AdminListener(new AdminListenerOptions { Bind = IPAddress.Parse(options.AdminBind), Port = options.AdminPort }, key, execute, log, time);
        try
        {
            listener.Start();
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        LogListening(log, options.AdminBind, listener.Port, path);
        return listener;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "remote admin off (--admin-key-file none)")]
    private static partial void LogOff(ILogger log);

    [LoggerMessage(Level = LogLevel.Information, Message = "created admin key file {Path} (mode 0600); give it to admins' gameadmin --key-file")]
    private static partial void LogCreated(ILogger log, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "admin key file {Path} is readable by other users; chmod 600 it")]
    private static partial void LogReadable(ILogger log, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "remote admin listening on {Address}:{Port} (UDP), key file {Path}")]
    private static partial void LogListening(ILogger log, string address, int port, string path);
}
