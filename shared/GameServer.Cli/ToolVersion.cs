using System.Reflection;

namespace GameServer.Cli;

/// <summary>The version a tool prints: the one <c>&lt;Version&gt;</c> of Directory.Build.props, plus the commit when known.</summary>
public static class ToolVersion
{
    /// <summary>
    /// <paramref name="assembly"/>'s informational version (<c>0.1.0</c>, or <c>0.1.0+1a2b3c4</c> when built from
    /// a git checkout: the SDK appends the commit, shortened here to 7 digits as <c>git</c> shows it).
    /// </summary>
    public static string Of(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString(3)
            ?? "unknown";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus >= 0 && version.Length > plus + 8 ? version[..(plus + 8)] : version;
    }
}
