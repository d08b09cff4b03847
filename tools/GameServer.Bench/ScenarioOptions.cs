using System.CommandLine;
using GameServer.Cli;

namespace GameServer.Bench;

/// <summary>
/// The options the tick-loop scenarios share (<c>autosave</c>, <c>delta-policy</c>, <c>stores</c>):
/// <c>--entities</c>, <c>--churn</c>, <c>--json</c> and, where the scenario has one, <c>--interval</c>;
/// declared once here so every scenario parses and checks them alike.
/// </summary>
public sealed class ScenarioOptions
{
    private readonly Option<string> _entities;
    private readonly Option<string>? _interval;
    private readonly Option<string> _churn;
    private readonly Option<bool> _json;

    private ScenarioOptions(ToolCommand command, string? intervalDescription)
    {
        _entities = command.AddValue("--entities", "N", "entities of the demo world, 1000 to 50000000 (default 1000000)");
        if (intervalDescription is not null) _interval = command.AddValue("--interval", "DURATION", intervalDescription);
        _churn = command.AddValue("--churn", "KIND", "demo (15% of entities in contiguous rows move every tick, default) or scattered (a fixed random 5% spread over all rows)");
        _json = command.AddFlag("--json", "print the results as one JSON object");
    }

    /// <summary>Declares the shared options on <paramref name="command"/>; <c>--interval</c> only with a description.</summary>
    public static ScenarioOptions AddTo(ToolCommand command, string? intervalDescription = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        return new ScenarioOptions(command, intervalDescription);
    }

    /// <summary>The values given (defaults: 1,000,000 entities, demo churn, 2 s, a table).</summary>
    /// <exception cref="UsageException">A value is malformed or out of range.</exception>
    public ScenarioSettings Read(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var interval = _interval is null ? TimeSpan.FromSeconds(2) : IntervalOption.Value(result, _interval, TimeSpan.FromSeconds(2));
        return new ScenarioSettings(OptionValues.Int(result, _entities, 1_000_000, 1_000, 50_000_000), ParseChurn(result.GetValue(_churn)), interval, result.GetValue(_json));
    }

    /// <summary>The churn kind named by a <c>--churn</c> value (demo when absent).</summary>
    /// <exception cref="UsageException">Neither demo nor scattered.</exception>
    public static string ParseChurn(string? value) => value switch
    {
        null or "demo" => "demo",
        "scattered" => "scattered",
        _ => throw new UsageException($"--churn must be demo or scattered, not '{value}'"),
    };
}

/// <summary>The shared scenario options' values: world size, churn kind, autosave interval, JSON output.</summary>
public readonly record struct ScenarioSettings(int Entities, string Churn, TimeSpan Interval, bool Json);
