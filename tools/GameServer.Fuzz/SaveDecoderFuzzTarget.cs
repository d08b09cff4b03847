using GameServer.Persistence.Format;
using GameServer.Persistence.Reading;
using GameServer.Persistence.Storage;
using GameServer.Persistence.Storage.InMemory;

namespace GameServer.Fuzz;

/// <summary>
/// The fuzzing entry point: one input is one save file, read the way the server and the inspector read saves. The
/// only acceptable failure is <see cref="SaveFormatException"/>; anything else escapes, which afl++ records as a crash.
/// </summary>
/// <remarks>
/// Called by <c>gamefuzz</c> under afl++ and, without afl, by the test that replays the corpus
/// (<c>FuzzCorpusReplayTests</c>), so every input that ever crashed or hung the harness is rerun in CI.
/// </remarks>
public static class SaveDecoderFuzzTarget
{
    /// <summary>Name the input is stored under (a save name, so the catalog lists it).</summary>
    public const string InputName = "auto-20261125T120000000Z-t0000000001.gsav";

    /// <summary>
    /// Reads <paramref name="input"/> as a save, then the same bytes with their checksums made right (so mutations reach
    /// past the checksums into validation and decoding); true when the input itself decoded.
    /// </summary>
    /// <exception cref="Exception">Anything but <see cref="SaveFormatException"/>: a bug the fuzzer found.</exception>
    public static bool Run(ReadOnlySpan<byte> input)
    {
        var bytes = input.ToArray();
        var decoded = Read(bytes);
        if (ChecksumRepair.Repair(bytes) is { } repaired) Read(repaired);
        return decoded;
    }

    /// <summary>Opens, validates, lists, verifies and decodes <paramref name="bytes"/> as a save; true when it decoded.</summary>
    private static bool Read(byte[] bytes)
    {
        var store = new InMemorySaveStore("fuzz");
        store.PutAsync(InputName, (stream, ct) => stream.WriteAsync(bytes, ct).AsTask()).GetAwaiter().GetResult();

        // The catalog and the verifier read the header and checksums; the loader decodes everything (a delta fails
        // on its missing base); load-latest with set-aside runs the damage check and the rename.
        SaveCatalog.ListAsync(store).GetAwaiter().GetResult();
        _ = SaveVerifier.VerifyAsync(store, InputName, decode: false).GetAwaiter().GetResult();
        try
        {
            SaveLoader.LoadAsync(store, InputName).GetAwaiter().GetResult().Dispose();
        }
        catch (SaveFormatException)
        {
            var result = SaveLoader.LoadLatestAsync(store, setAsideDamaged: true).GetAwaiter().GetResult();
            result.Snapshot?.Dispose();
            return false;
        }

        return true;
    }
}
