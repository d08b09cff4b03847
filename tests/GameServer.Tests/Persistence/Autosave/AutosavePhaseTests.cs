using GameServer.Persistence.Autosave;
using GameServer.Persistence.Storage;
using GameServer.Persistence.Storage.Local;
using GameServer.Tests.Support;

namespace GameServer.Tests.Persistence.Autosave;

[CancelAfter(60_000)]
public class AutosavePhaseTests : AutosaveRig
{
    [Test]
    public async Task Status_shows_Commit_while_the_commit_is_held_and_Idle_once_it_finishes()
    {
        using var storage = new GatedFileSystem();
        using var service = Service(new LocalFolderStore(Folder.Path, storage));
        Assert.That(service.GetStatus(World.Tick).Phase, Is.EqualTo(AutosavePhase.Idle), "before any save");

        using var hold = storage.HoldCommits();
        var save = service.RequestSave(SaveKind.Manual, "gated");
        service.OnBetweenTicks(World);
        Assert.That(storage.WaitForCommit(SaveFixture.Timeout), Is.True, "the save reached its commit");
        var held = service.GetStatus(World.Tick);
        Assert.That(held.Phase, Is.EqualTo(AutosavePhase.Commit));
        Assert.That(held.InFlight, Is.True);
        Assert.That(save.IsCompleted, Is.False);

        storage.OpenCommits();
        var result = await save;
        Assert.That(result.Succeeded, Is.True, result.Error);
        var after = service.GetStatus(World.Tick);
        Assert.That(after.Phase, Is.EqualTo(AutosavePhase.Idle), "the requester's result arrives after the phase is back to Idle");
        Assert.That(after.SavesCompleted, Is.EqualTo(1));
    }

    [Test]
    public async Task Status_shows_Copy_and_then_Encode_while_the_autosave_thread_is_held_in_each()
    {
        using var service = Service();
        using var entered = new SemaphoreSlim(0);
        using var proceed = new SemaphoreSlim(0);
        service.PhaseEntered = phase =>
        {
            if (phase is not (AutosavePhase.Copy or AutosavePhase.Encode)) return;
            entered.Release();
            proceed.Wait(SaveFixture.Timeout);
        };

        var save = service.RequestSave(SaveKind.Manual, "held");
        service.OnBetweenTicks(World);
        Assert.That(entered.Wait(SaveFixture.Timeout), Is.True);
        Assert.That(service.GetStatus(World.Tick).Phase, Is.EqualTo(AutosavePhase.Copy));

        proceed.Release();
        Assert.That(entered.Wait(SaveFixture.Timeout), Is.True);
        Assert.That(service.GetStatus(World.Tick).Phase, Is.EqualTo(AutosavePhase.Encode));

        proceed.Release();
        var result = await save;
        Assert.That(result.Succeeded, Is.True, result.Error);
        Assert.That(service.GetStatus(World.Tick).Phase, Is.EqualTo(AutosavePhase.Idle));
    }

    [Test]
    public void An_autosave_passes_every_phase_in_order_and_a_manual_save_skips_retention()
    {
        using var service = Service();
        var phases = Record(service);

        var manual = service.SaveAndWait(World, SaveKind.Manual, "m", SaveFixture.Timeout);
        var auto = service.SaveAndWait(World, SaveKind.Auto, null, SaveFixture.Timeout);

        Assert.That(manual.Succeeded && auto.Succeeded, Is.True, manual.Error ?? auto.Error);
        AutosavePhase[] manualPhases = [AutosavePhase.Capture, AutosavePhase.Copy, AutosavePhase.Encode, AutosavePhase.Commit, AutosavePhase.Idle];
        AutosavePhase[] autoPhases = [AutosavePhase.Capture, AutosavePhase.Copy, AutosavePhase.Encode, AutosavePhase.Commit, AutosavePhase.Retention, AutosavePhase.Idle];
        Assert.That(Snapshot(phases), Is.EqualTo(manualPhases.Concat(autoPhases)));
    }

    [Test]
    public void A_failed_commit_returns_to_Idle_without_running_retention()
    {
        var files = new FaultyFileSystem { FailRename = true };
        using var service = Service(new LocalFolderStore(Folder.Path, files));
        var phases = Record(service);

        var result = service.SaveAndWait(World, SaveKind.Auto, null, SaveFixture.Timeout);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(Snapshot(phases), Is.EqualTo(new[] { AutosavePhase.Capture, AutosavePhase.Copy, AutosavePhase.Encode, AutosavePhase.Commit, AutosavePhase.Idle }));
        Assert.That(service.GetStatus(World.Tick).Phase, Is.EqualTo(AutosavePhase.Idle));
    }

    [Test]
    public void A_capture_that_finds_no_free_snapshot_goes_back_to_Idle_with_nothing_in_flight()
    {
        using var service = Service();
        var phases = Record(service);
        var held = new[] { Pool.Capture(World), Pool.Capture(World) };
        try
        {
            var request = service.RequestSave();
            service.OnBetweenTicks(World);

            var status = service.GetStatus(World.Tick);
            Assert.That(status.Phase, Is.EqualTo(AutosavePhase.Idle));
            Assert.That(status.InFlight, Is.False);
            Assert.That(request.IsCompleted, Is.False, "still pending for a later tick");
            Assert.That(Snapshot(phases), Is.EqualTo(new[] { AutosavePhase.Capture, AutosavePhase.Idle }));
        }
        finally
        {
            foreach (var snapshot in held) snapshot.Dispose();
        }
    }

    private static List<AutosavePhase> Record(AutosaveService service)
    {
        var phases = new List<AutosavePhase>();
        service.PhaseEntered = phase =>
        {
            lock (phases) phases.Add(phase);
        };
        return phases;
    }

    private static AutosavePhase[] Snapshot(List<AutosavePhase> phases)
    {
        lock (phases) return [.. phases];
    }
}
