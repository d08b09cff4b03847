using GameServer.Tests.Support;

namespace GameServer.Tests.Inspector;

public class VerifyVerbTests
{
    [Test]
    public void Verify_reports_a_valid_save_ok_with_exit_0()
    {
        using var folder = new TempFolder();
        var path = Inspect.Save(folder.Path);

        var result = Inspect.Run("verify", path);

        Assert.That(result.Exit, Is.Zero, result.ToString());
        Assert.That(result.Out, Does.Contain("ok").And.Contain(path));
        Assert.That(result.Err, Is.Empty);
    }

    [Test]
    public void Verify_reports_truncated_file_with_exit_1_and_reason()
    {
        using var folder = new TempFolder();
        var path = Inspect.Save(folder.Path, 5000);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length * 2 / 3)]);

        var result = Inspect.Run("verify", path);

        Assert.That(result.Exit, Is.EqualTo(1));
        Assert.That(result.Out, Does.Contain("FAIL").And.Contain("truncated").And.Contain("at byte"));
        Assert.That(result.Err.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(result.Err, Does.Contain(path).And.Contain("truncated"));
    }

    [Test]
    public void Verify_reports_a_bit_flipped_block_with_exit_1_checksum_and_offset()
    {
        using var folder = new TempFolder();
        var path = Inspect.Save(folder.Path, 5000);
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length - 100] ^= 0x04;
        File.WriteAllBytes(path, bytes);

        var json = Inspect.Run("verify", path, "--json");

        Assert.That(json.Exit, Is.EqualTo(1));
        var file = json.Json().GetProperty("files")[0];
        Assert.That(file.GetProperty("ok").GetBoolean(), Is.False);
        Assert.That(file.GetProperty("reason").GetString(), Does.Contain("checksum"));
        Assert.That(file.GetProperty("offset").GetInt64(), Is.InRange(16, bytes.Length - 100));
    }

    [Test]
    public void Verify_reports_a_zero_length_file_with_exit_1_and_reason()
    {
        using var folder = new TempFolder();
        var path = folder.File("auto-20261125T120000000Z-t0000000001.gsav");
        File.WriteAllBytes(path, []);

        var result = Inspect.Run("verify", path);

        Assert.That(result.Exit, Is.EqualTo(1));
        Assert.That(result.Err, Does.Contain(path).And.Contain("empty"));
        Assert.That(result.Err, Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public void Verify_of_a_folder_checks_every_save_and_fails_if_one_is_bad()
    {
        using var folder = new TempFolder();
        var good = Inspect.Save(folder.Path, 100);
        var bad = Path.Combine(folder.Path, "other", "manual-20261125T120000000Z-t0000000001.gsav");
        Directory.CreateDirectory(Path.GetDirectoryName(bad)!);
        File.Copy(good, bad);
        var bytes = File.ReadAllBytes(bad);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(bad, bytes);

        var result = Inspect.Run("verify", folder.Path, "--decode");

        Assert.That(result.Exit, Is.EqualTo(1));
        Assert.That(result.Out, Does.Match(@"ok\s+" + System.Text.RegularExpressions.Regex.Escape(good)));
        Assert.That(result.Out, Does.Contain("FAIL").And.Contain("closing magic"));
    }

    [Test]
    public void Verify_of_a_missing_file_exits_1_naming_it()
    {
        var result = Inspect.Run("verify", "/nonexistent/auto.gsav");
        Assert.That(result.Exit, Is.EqualTo(1));
        Assert.That(result.Err, Does.Contain("/nonexistent/auto.gsav").And.Contain("cannot open"));
    }
}
