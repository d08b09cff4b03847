using GameServer.Fuzz;
using GameServer.Persistence.Format;
using SharpFuzz;

// gamefuzz: the save decoder under afl++ (README, "Fuzzing the save decoder").
//   gamefuzz                   read one input per run from afl++ (the process must run under afl-fuzz)
//   gamefuzz replay PATH...    run files or folders of inputs through the same entry point, without afl
//   gamefuzz seeds DIR         write the seed saves into DIR
// Exit codes: 0 fine, 1 an input raised something other than SaveFormatException, 2 usage.
const string Usage = "usage: gamefuzz | gamefuzz replay PATH... | gamefuzz seeds DIR";
switch (args)
{
    case []:
        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            SaveDecoderFuzzTarget.Run(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        });
        return 0;
    case ["--help" or "-h"]:
        Console.WriteLine(Usage);
        return 0;
    case ["seeds", var folder]:
        Directory.CreateDirectory(folder);
        foreach (var (name, bytes) in SeedSaves.Write()) File.WriteAllBytes(Path.Combine(folder, name), bytes);
        return 0;
    case ["replay", .. var paths] when paths.Length > 0:
        return Replay(paths);
    default:
        Console.Error.WriteLine($"gamefuzz: {Usage}");
        return 2;
}

static int Replay(string[] paths)
{
    var failed = 0;
    foreach (var file in paths.SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories) : [p]).Order(StringComparer.Ordinal))
    {
        try
        {
            Console.WriteLine($"{(SaveDecoderFuzzTarget.Run(File.ReadAllBytes(file)) ? "decoded" : "refused")} {file}");
        }
        catch (Exception e) when (e is not SaveFormatException)
        {
            failed++;
            Console.WriteLine($"CRASH {file}: {e}");
        }
    }

    return failed == 0 ? 0 : 1;
}
