using System.Buffers.Binary;
using System.Diagnostics;
using GameServer.Tests.Support;

namespace GameServer.Tests.Inspector;

public class UsageAndErrorTests
{
    [Test]
    public void No_arguments_prints_help_and_exits_2()
    {
        var result = Inspect.Run();
        Assert.That(result.Exit, Is.EqualTo(2));
        Assert.That(result.Err, Does.Contain("Usage: saveinspect <verb>"));
    }

    [Test]
    public void Global_help_lists_every_verb_and_exits_0()
    {
        var result = Inspect.Run("--help");
        Assert.That(result.Exit, Is.Zero);
        foreach (var verb in new[] { "list", "info", "verify", "dump", "diff", "stats", "export", "map" })
            Assert.That(result.Out, Does.Contain($"  {verb} "));
    }

    [TestCase("list")]
    [TestCase("info")]
    [TestCase("verify")]
    [TestCase("dump")]
    [TestCase("diff")]
    [TestCase("stats")]
    [TestCase("export")]
    [TestCase("map")]
    public void Every_verb_has_help_with_its_usage(string verb)
    {
        var result = Inspect.Run(verb, "--help");
        Assert.That(result.Exit, Is.Zero);
        Assert.That(result.Out, Does.StartWith($"Usage: saveinspect {verb}"));
        Assert.That(Inspect.Run("help", verb).Out, Is.EqualTo(result.Out));
    }

    [TestCase("frobnicate")]
    [TestCase("info", "--bogus", "x.gsav")]
    [TestCase("info")]
    [TestCase("info", "a.gsav", "b.gsav")]
    [TestCase("diff", "a.gsav")]
    [TestCase("dump", "a.gsav", "--rows", "9..3")]
    [TestCase("dump", "a.gsav", "--rows")]
    [TestCase("stats", "a.gsav", "--bins", "zero")]
    [TestCase("export", "a.gsav", "--format", "xml")]
    [TestCase("map", "a.gsav", "-o", "out.bmp")]
    [TestCase("map", "a.gsav", "-o", "out.png", "--aspect", "square")]
    public void Bad_usage_exits_2_with_a_hint(params string[] args)
    {
        var result = Inspect.Run(args);
        Assert.That(result.Exit, Is.EqualTo(2), result.ToString());
        Assert.That(result.Err, Does.Contain("--help"));
        Assert.That(result.Out, Is.Empty);
    }

    [Test]
    public void A_file_that_is_not_a_save_gives_one_line_naming_it_and_exit_1()
    {
        using var folder = new TempFolder();
        var path = folder.File("notes.gsav");
        File.WriteAllText(path, "these are my notes, not a save file; long enough to have a header");

        var result = Inspect.Run("dump", path);

        Assert.That(result.Exit, Is.EqualTo(1));
        Assert.That(result.Err, Is.EqualTo($"saveinspect: {path}: not a save file (bad magic) (at byte 0){Environment.NewLine}"));
    }

    [Test]
    public void A_newer_format_version_is_rejected_naming_the_versions()
    {
        using var folder = new TempFolder();
        var path = Inspect.Save(folder.Path, 10);
        var bytes = File.ReadAllBytes(path);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), 9);
        File.WriteAllBytes(path, bytes);

        var result = Inspect.Run("stats", path);

        Assert.That(result.Exit, Is.EqualTo(1));
        Assert.That(result.Err, Does.Contain(path).And.Contain("format version 9 is not supported"));
    }

    [Test]
    public void A_corrupt_block_stops_export_with_one_line_and_no_partial_output_file()
    {
        using var folder = new TempFolder();
        var path = Inspect.Save(folder.Path, 5000);
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length - 100] ^= 0x01;
        File.WriteAllBytes(path, bytes);
        var output = folder.File("out.csv");

        var result = Inspect.Run("export", path, "--format", "csv", "-o", output);

        Assert.That(result.Exit, Is.EqualTo(1));
        Assert.That(result.Err, Does.Contain("checksum").And.Contain(path));
        Assert.That(result.Err.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(File.Exists(output), Is.False);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task The_saveinspect_executable_verifies_a_save_as_a_child_process(CancellationToken token)
    {
        using var folder = new TempFolder();
        var good = Inspect.Save(folder.Path, 100);
        var bad = folder.File("auto-20261125T120000000Z-t0000000001.gsav");
        File.WriteAllBytes(bad, File.ReadAllBytes(good)[..200]);

        var (exit, stdout, stderr) = await RunExecutable(token, "verify", good, bad);

        Assert.That(exit, Is.EqualTo(1), stderr);
        Assert.That(stdout, Does.Contain("ok").And.Contain("FAIL").And.Contain("truncated"));
        Assert.That(stderr.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(stderr, Does.Contain(bad));

        (exit, _, _) = await RunExecutable(token, "verify", good);
        Assert.That(exit, Is.Zero);
    }

    private static async Task<(int Exit, string Out, string Err)> RunExecutable(CancellationToken token, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "saveinspect.dll");
        Assert.That(dll, Does.Exist);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(token);
            var stderr = process.StandardError.ReadToEndAsync(token);
            await process.WaitForExitAsync(token);
            return (process.ExitCode, await stdout, await stderr);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }
}
