using GameServer.Protocol.Admin;
using GameServer.Tests.Support;

namespace GameServer.Tests.Protocol.Admin;

public class AdminKeyAndProofTests
{
    [Test]
    public void Key_text_round_trips_and_ToString_never_shows_it()
    {
        var key = AdminKey.Generate();
        var text = key.ToText();
        Assert.That(text, Has.Length.EqualTo(64).And.Match("^[0-9a-f]+$"));
        Assert.That(AdminKey.Parse("  " + text.ToUpperInvariant() + "\n").Bytes.ToArray(), Is.EqualTo(key.Bytes.ToArray()));
        Assert.That(key.ToString(), Does.Not.Contain(text[..8]));
    }

    [Test]
    public void A_bad_key_file_is_a_clear_error_that_does_not_quote_the_file()
    {
        using var folder = new TempFolder();
        var path = folder.File("admin.key");
        File.WriteAllText(path, "secret-but-not-hex-secret-but-not-hex-secret-but-not-hex-secret!");
        var error = Assert.Throws<AdminKeyException>(() => AdminKey.ReadFile(path))!;
        Assert.That(error.Message, Does.Contain(path).And.Contain("hex digits only"));
        Assert.That(error.Message, Does.Not.Contain("secret"));
        Assert.That(Assert.Throws<AdminKeyException>(() => AdminKey.ReadFile(folder.File("missing.key")))!.Message, Does.Contain("cannot read admin key file"));
    }

    [Test]
    public void A_proof_holds_only_for_the_same_key_and_both_nonces()
    {
        var key = AdminKey.Generate();
        var server = AdminProof.NewNonce();
        var client = AdminProof.NewNonce();
        var proof = AdminProof.Compute(key.Bytes, server, client);
        Assert.That(proof, Has.Length.EqualTo(AdminLimits.ProofBytes));
        Assert.That(AdminProof.Verify(key.Bytes, server, client, proof), Is.True);
        Assert.That(AdminProof.Verify(AdminKey.Generate().Bytes, server, client, proof), Is.False, "another key");
        Assert.That(AdminProof.Verify(key.Bytes, AdminProof.NewNonce(), client, proof), Is.False, "another server nonce (a replay)");
        Assert.That(AdminProof.Verify(key.Bytes, server, AdminProof.NewNonce(), proof), Is.False, "another client nonce");
        Assert.That(AdminProof.Verify(key.Bytes, server, client, proof.AsSpan(0, 31)), Is.False, "a truncated proof");
    }
}
