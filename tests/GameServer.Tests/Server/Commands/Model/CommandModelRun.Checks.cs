using GameServer.Persistence.Autosave;
using GameServer.Persistence.Format;
using GameServer.Persistence.Reading;
using GameServer.Persistence.Storage;
using GameServer.Server.Commands;
using GameServer.Tests.Support;

namespace GameServer.Tests.Server.Commands.Model;

/// <summary>The run's commands that need more than one check (load, checkpoints), and the checks themselves.</summary>
internal sealed partial class CommandModelRun
{
    /// <summary>
    /// <c>load</c> of a manual save or of an autosave on disk: the pre-rollback save holds the generation before,
    /// the world and the save of the restored world hold the loaded one, at the loaded save's tick.
    /// </summary>
    private async Task LoadAsync()
    {
        var autosavesOnDisk = SaveFiles("auto-*.gsav").Order(StringComparer.Ordinal).ToList();
        var manual = _model.ManualSaves.Keys.Order(StringComparer.Ordinal).ToList();
        var useAutosave = autosavesOnDisk.Count > 0 && (manual.Count == 0 || _random.Next(3) == 0);
        if (!useAutosave && manual.Count == 0)
        {
            await SaveAsync();
            return;
        }

        var target = useAutosave ? autosavesOnDisk[_random.Next(autosavesOnDisk.Count)] : manual[_random.Next(manual.Count)];
        (int Gen, long Tick) saved;
        try
        {
            saved = await ReadSaveAsync(target);
        }
        catch (SaveFormatException) when (useAutosave && !File.Exists(Path.Combine(WorldFolder, target)))
        {
            return; // retention removed it meanwhile
        }

        var manualBefore = SaveFiles("manual-*.gsav");
        var genBefore = _model.Gen;
        var reply = await CommandAsync($"load {target}", expectSuccess: !useAutosave);
        if (!reply.Outcome.Succeeded)
        {
            Check(!ChainOnDisk(target), $"'load {target}' failed ({reply.Outcome.Reason}) though it and its bases are on disk");
            return;
        }

        _model.GenChanged(reply.Sent, reply.Acked, saved.Gen);
        var last = reply.Lines[^1];
        var expected = $"rolled back to {target}: tick ";
        Check(last.StartsWith(expected, StringComparison.Ordinal), $"'load {target}' ended with '{last}'");
        Check(last.Contains($"-> {saved.Tick}, entities={GenerationGame.CountOf(saved.Gen)}, saved as ", StringComparison.Ordinal),
            $"'load {target}' (tick {saved.Tick}, gen {saved.Gen}) replied '{last}'");
        var restoredSave = last[(last.LastIndexOf("saved as ", StringComparison.Ordinal) + "saved as ".Length)..];
        _model.RequestedAutosaves[restoredSave] = saved.Gen;

        var added = SaveFiles("manual-*.gsav").Except(manualBefore).ToList();
        Check(added.Count == 1 && added[0].StartsWith("manual-pre-rollback-", StringComparison.Ordinal),
            $"'load {target}' should add one pre-rollback save, added [{string.Join(", ", added)}]");
        await CheckManualSaveAsync(added[0], genBefore);
        Check((await ReadSaveAsync(restoredSave)).Gen == saved.Gen, $"{restoredSave}, the save of the world restored from {target}, is not generation {saved.Gen}");
    }

    /// <summary>
    /// Two loads, a world change and two saves at once (several admins): all acknowledged once, the world ends in
    /// one of the generations involved, each load's reply names its own save's tick and size, and every save
    /// written meanwhile (the saves, the pre-rollback saves, the saves of the restored worlds) holds one of them.
    /// </summary>
    private async Task ConcurrentLoadsAsync()
    {
        var manual = _model.ManualSaves.Keys.Order(StringComparer.Ordinal).ToList();
        if (manual.Count == 0)
        {
            await SaveAsync();
            return;
        }

        var targets = new[] { manual[_random.Next(manual.Count)], manual[_random.Next(manual.Count)] };
        var gens = new HashSet<int> { _model.Gen };
        var targetSaves = new Dictionary<string, (int Gen, long Tick)>(StringComparer.Ordinal);
        foreach (var target in targets)
        {
            targetSaves[target] = await ReadSaveAsync(target);
            gens.Add(targetSaves[target].Gen);
        }

        var stamped = _nextGen++;
        gens.Add(stamped);
        var manualBefore = SaveFiles("manual-*.gsav");
        var lines = targets.Select(t => $"load {t}").Append($"stamp {stamped}").Append($"save c{_nextLabel++}").Append($"save c{_nextLabel++}").ToList();
        var replies = await Task.WhenAll(lines.Select(CommandAsync));

        var probe = await CommandAsync("gen");
        var gen = int.Parse(probe.Lines[0].Split(' ')[0]["gen=".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Check(gens.Contains(gen), $"after concurrent loads of [{string.Join(", ", targets)}] and 'stamp {stamped}' the world is generation {gen}, not one of [{string.Join(", ", gens)}]");
        _model.GenChanged(replies.Min(r => r.Sent), replies.Max(r => r.Acked), gen, gens);

        foreach (var reply in replies.Where(r => r.Line.StartsWith("load ", StringComparison.Ordinal)))
        {
            var target = reply.Line["load ".Length..];
            var (targetGen, targetTick) = targetSaves[target];
            var last = reply.Lines[^1];
            Check(last.StartsWith($"rolled back to {target}: tick ", StringComparison.Ordinal) && last.Contains($"-> {targetTick}, entities={GenerationGame.CountOf(targetGen)}, saved as ", StringComparison.Ordinal),
                $"'{reply.Line}' (tick {targetTick}, gen {targetGen}) replied '{last}'");
            var restoredSave = last[(last.LastIndexOf("saved as ", StringComparison.Ordinal) + "saved as ".Length)..];
            _model.RequestedAutosaves[restoredSave] = File.Exists(Path.Combine(WorldFolder, restoredSave)) ? await ReadGenAmongAsync(restoredSave, gens) : -1;
        }

        foreach (var name in SaveFiles("manual-*.gsav").Except(manualBefore))
            _model.ManualSaves[name] = await ReadGenAmongAsync(name, gens);
        foreach (var reply in replies.Where(r => r.Line.StartsWith("save ", StringComparison.Ordinal)))
            Check(_model.ManualSaves.ContainsKey(SavedName(reply)), $"'{reply.Line}' replied {SavedName(reply)}, which is not on disk");
    }

    private async Task<int> ReadGenAmongAsync(string name, HashSet<int> gens)
    {
        var (gen, _) = await ReadSaveAsync(name);
        Check(gens.Contains(gen), $"{name}, written while loads ran, holds generation {gen}, not one of [{string.Join(", ", gens)}]");
        return gen;
    }

    /// <summary>Whether <paramref name="file"/> and every save its chain needs (as the autosaves reported them) are on disk.</summary>
    private bool ChainOnDisk(string file)
    {
        var baseOf = Autosaves().Where(s => s.Succeeded).ToDictionary(s => s.Name!, s => s.BaseName, StringComparer.Ordinal);
        for (string? current = file; current is not null; current = baseOf.GetValueOrDefault(current))
        {
            if (!File.Exists(Path.Combine(WorldFolder, current))) return false;
        }

        return true;
    }

    /// <summary>
    /// Quiesces autosaves (save-off, nothing in flight), then checks: no pooled snapshot out, every manual save there
    /// with its generation, every autosave reported and holding a generation the world had when it was captured,
    /// the schedule obeyed, and after an autosave with keep 2 exactly the autosaves retention must keep.
    /// </summary>
    private async Task CheckpointAsync()
    {
        var wasEnabled = _model.Config.Enabled;
        var keep = _model.Keep;
        Remember("(checkpoint)");
        if (wasEnabled)
        {
            var off = await CommandAsync("save-off");
            _model.ScheduleChanged(off.Sent, off.Acked, false, _model.Config.IntervalSeconds);
        }

        await WaitUntilNoSaveInFlightAsync();
        Check(_host.Pool.Outstanding == 0, $"{_host.Pool.Outstanding} pooled snapshots still out with no save in flight");

        await CommandAsync($"autosave keep {CheckKeep}");
        _model.SetKeep(CheckKeep);
        var forced = await _host.Autosave.RequestSave(SaveKind.Auto).WaitAsync(CommandTimeout);
        Check(forced.Succeeded, $"an autosave asked for at a checkpoint failed: {forced.Error}");
        _model.RequestedAutosaves[forced.Name!] = _model.Gen;
        await WaitUntilNoSaveInFlightAsync();

        var autosaves = Autosaves();
        Check(autosaves.All(s => s.Succeeded), $"autosaves failed: {string.Join("; ", autosaves.Where(s => !s.Succeeded).Select(s => s.Error))}");
        var violations = _model.ScheduleViolations(autosaves);
        Check(violations.Count == 0, "the schedule was not obeyed: " + string.Join("; ", violations));

        var onDisk = SaveFiles("auto-*.gsav");
        var expected = CommandModel.ExpectedAutosaves(autosaves, CheckKeep, DateTime.UtcNow);
        Check(onDisk.SetEquals(expected),
            $"with keep {CheckKeep} the autosaves on disk should be [{string.Join(", ", expected.Order())}], are [{string.Join(", ", onDisk.Order())}]");
        foreach (var file in onDisk.Where(f => !_checkedAutosaves.Contains(f)).Order(StringComparer.Ordinal))
            await CheckAutosaveAsync(file, autosaves.Single(s => s.Name == file));

        var manualOnDisk = SaveFiles("manual-*.gsav");
        Check(manualOnDisk.SetEquals(_model.ManualSaves.Keys),
            $"manual saves on disk [{string.Join(", ", manualOnDisk.Except(_model.ManualSaves.Keys))}] unexpected, [{string.Join(", ", _model.ManualSaves.Keys.Except(manualOnDisk))}] missing");

        if (_heapAtFirstCheckpoint < 0)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            _heapAtFirstCheckpoint = GC.GetTotalMemory(forceFullCollection: true);
        }

        await CommandAsync($"autosave keep {keep}");
        _model.SetKeep(keep);
        if (wasEnabled)
        {
            var on = await CommandAsync("save-on");
            _model.ScheduleChanged(on.Sent, on.Acked, true, _model.Config.IntervalSeconds);
        }
    }

    /// <summary>After save-on with a short interval, scheduled autosaves come again (the schedule is not stuck).</summary>
    private async Task ScheduledAutosavesResumeAsync()
    {
        var interval = await CommandAsync("autosave interval 0.1");
        _model.ScheduleChanged(interval.Sent, interval.Acked, _model.Config.Enabled, 0.1);
        var on = await CommandAsync("save-on");
        _model.ScheduleChanged(on.Sent, on.Acked, true, 0.1);
        var deadline = DateTime.UtcNow + CommandTimeout;
        while (!Autosaves().Any(s => s.CapturedAtUtc > on.Acked && !_model.RequestedAutosaves.ContainsKey(s.Name!)))
        {
            Check(DateTime.UtcNow < deadline, $"no scheduled autosave within {CommandTimeout.TotalSeconds} s of 'save-on' with a 0.1 s interval");
            await Task.Delay(20);
        }
    }

    private async Task WaitUntilNoSaveInFlightAsync()
    {
        // Three idle reads a tick apart: a capture decided just before save-off is handed over within a tick.
        var deadline = DateTime.UtcNow + CommandTimeout;
        for (var idle = 0; idle < 3; idle = _host.Autosave.InFlight ? 0 : idle + 1)
        {
            Check(DateTime.UtcNow < deadline, $"a save stayed in flight for {CommandTimeout.TotalSeconds} s");
            await Task.Delay(30);
        }
    }

    private async Task CheckManualSaveAsync(string name, int gen)
    {
        var saved = await ReadSaveAsync(name);
        Check(saved.Gen == gen, $"{name} holds generation {saved.Gen}, the world was {gen} when it was asked for");
        _model.ManualSaves[name] = gen;
    }

    private async Task CheckAutosaveAsync(string file, SaveResult result)
    {
        var saved = await ReadSaveAsync(file);
        if (_model.RequestedAutosaves.TryGetValue(file, out var gen))
        {
            Check(saved.Gen == gen, $"{file} holds generation {saved.Gen}, the world was {gen} when it was asked for");
        }
        else
        {
            var possible = _model.GensPossibleAt(result.CapturedAtUtc);
            Check(possible.Contains(saved.Gen), $"{file} captured {result.CapturedAtUtc:HH:mm:ss.fff} holds generation {saved.Gen}; the world was [{string.Join(", ", possible)}] then");
        }

        Check(saved.Tick == result.Tick, $"{file} holds tick {saved.Tick}, reported {result.Tick}");
        _checkedAutosaves.Add(file);
    }

    /// <summary>Decodes a save (through its chain) and reads its generation; a torn one is a violation.</summary>
    private async Task<(int Gen, long Tick)> ReadSaveAsync(string name)
    {
        using var snapshot = await SaveLoader.LoadAsync(_host.Store, name);
        var (gen, problem) = GenerationGame.Read(snapshot.GetColumn(GenerationGame.GenColumn).Values<int>()[..snapshot.Count]);
        Check(gen is not null, $"{name} is not one generation: {problem}");
        return (gen!.Value, snapshot.Tick);
    }

    private static string SavedName(Reply reply)
    {
        var last = reply.Lines[^1];
        Check(last.StartsWith("saved ", StringComparison.Ordinal), $"'{reply.Line}' ended with '{last}'");
        return last.Split(' ')[1];
    }

    /// <summary>Runs one command as the console; it must be acknowledged within the timeout, once, and (by default) succeed.</summary>
    private async Task<Reply> CommandAsync(string line) => await CommandAsync(line, expectSuccess: true);

    private async Task<Reply> CommandAsync(string line, bool expectSuccess)
    {
        Remember(line);
        var recorder = new ReplyRecorder();
        lock (_replies) _replies.Add((line, recorder));
        var sent = DateTime.UtcNow;
        CommandOutcome outcome;
        try
        {
            outcome = await _host.ExecuteCommandAsync(line, CommandCaller.Console, recorder).WaitAsync(CommandTimeout);
        }
        catch (TimeoutException)
        {
            throw new ModelViolationException($"'{line}' was not acknowledged within {CommandTimeout.TotalSeconds} s (lost or deadlocked)");
        }

        var acked = DateTime.UtcNow;
        Check(recorder.Ends.Count == 1 && recorder.Ends[0] == outcome, $"'{line}' ended its reply {recorder.Ends.Count} times");
        if (expectSuccess) Check(outcome.Succeeded, $"'{line}' failed: {outcome.Reason}");
        return new Reply(line, outcome, recorder.Lines, sent, acked);
    }

    private sealed record Reply(string Line, CommandOutcome Outcome, List<string> Lines, DateTime Sent, DateTime Acked);
}
