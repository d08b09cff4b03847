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
        Assert.That(result.Err, Does.Contain(path).And.Contain("empty").And.Not.Contain("at byte"), "an offset means nothing for an empty file");
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
        Assert.That(result.Err, Does.Contain("/nonexistent/auto.gsav").And.Contain("file not found"));
    }

    [Test]
    public void A_missing_file_says_file_not_found_without_a_byte_offset()
    {
        using var folder = new TempFolder();
        var path = folder.File("auto.gsav");

        var verify = Inspect.Run("verify", path);
        var json = Inspect.Run("verify", path, "--json").Json().GetProperty("files")[0];
        var dump = Inspect.Run("dump", path);

        Assert.That(verify.Err, Is.EqualTo($"saveinspect: file not found: {path}{Environment.NewLine}"));
        Assert.That(verify.Out, Does.Match(@"FAIL\s+" + System.Text.RegularExpressions.Regex.Escape(path) + @"\s+file not found\s*\n"));
        Assert.That(json.GetProperty("reason").GetString(), Is.EqualTo("file not found"));
        Assert.That(json.TryGetProperty("offset", out _), Is.False, "no offset for a file that is not there");
        Assert.That((dump.Exit, dump.Err), Is.EqualTo((1, $"saveinspect: file not found: {path}{Environment.NewLine}")));
    }

    [Test]
    public void Verify_text_ends_with_a_summary_of_ok_and_bad_saves()
    {
        using var folder = new TempFolder();
        var good = Inspect.Save(folder.Path, 100);
        File.Copy(good, folder.File("manual-copy-20261125T120000000Z-t0000000001.gsav"));
        File.WriteAllText(folder.File("auto-20261125T120000000Z-t0000000002.gsav"), "not a save");

        var result = Inspect.Run("verify", folder.Path);

        Assert.That(result.Exit, Is.EqualTo(1));
        Assert.That(result.Out.TrimEnd().Split('\n')[^1], Is.EqualTo("3 saves: 2 ok, 1 bad"));
    }
}
