using System.Globalization;
using GameServer.Protocol.Admin;

namespace GameServer.Server.Network.Admin;

/// <summary>
/// The handshake: hello -> challenge (fresh server nonce) -> proof -> accepted, or a refusal that closes
/// the connection. Refuses locked-out addresses before and after the proof.
/// </summary>
/// <remarks>Network thread only. One proof per connection: a wrong one closes it, so every guess costs a new nonce.</remarks>
internal sealed class AdminAuthenticator(AdminKey key, AdminLockout lockout)
{
    /// <summary>Handles the client's hello: a challenge to send, or a refusal.</summary>
    public AdminHandshakeStep OnHello(AdminSession session, AdminHello hello)
    {
        if (session.State != AdminSessionState.AwaitingHello) return Refuse("hello sent twice");
        if (lockout.IsLockedOut(session.Address, out var remaining)) return LockedOut(remaining);
        session.ClientNonce = hello.ClientNonce;
        session.ServerNonce = AdminProof.NewNonce();
        session.State = AdminSessionState.AwaitingProof;
        return new AdminHandshakeStep(new AdminChallenge(session.ServerNonce), null, AdminProofVerdict.None);
    }

    /// <summary>Handles the client's proof: accepted, or a refusal (wrong key, locked out).</summary>
    public AdminHandshakeStep OnProof(AdminSession session, AdminProofMessage proof)
    {
        if (session.State != AdminSessionState.AwaitingProof) return Refuse("proof before challenge");

        // Checked again: the lockout may have started, from another connection, since this one's hello.
        if (lockout.IsLockedOut(session.Address, out var remaining)) return LockedOut(remaining);
        if (!AdminProof.Verify(key.Bytes, session.ServerNonce, session.ClientNonce, proof.Proof))
        {
            var lockedNow = lockout.RecordFailure(session.Address);
            var reason = lockedNow
                ? $"wrong admin key; {AdminLockout.MaxFailures} failures: this address is locked out for {AdminLockout.Duration.TotalSeconds:0} s"
                : "wrong admin key";
            return new AdminHandshakeStep(null, new AdminAuthResult(false, reason), lockedNow ? AdminProofVerdict.LockedOutNow : AdminProofVerdict.Wrong);
        }

        lockout.RecordSuccess(session.Address);
        session.State = AdminSessionState.Authenticated;
        return new AdminHandshakeStep(new AdminAuthResult(true, string.Empty), null, AdminProofVerdict.Accepted);
    }

    private static AdminHandshakeStep Refuse(string reason) =>
        new(null, new AdminAuthResult(false, "protocol error: " + reason), AdminProofVerdict.None);

    private static AdminHandshakeStep LockedOut(TimeSpan remaining) =>
        new(null, new AdminAuthResult(false, string.Create(CultureInfo.InvariantCulture, $"locked out after {AdminLockout.MaxFailures} failed proofs; try again in {Math.Ceiling(remaining.TotalSeconds):0} s")), AdminProofVerdict.LockedOut);
}

/// <summary>What the handshake does next: send <paramref name="Reply"/>, or close with <paramref name="Refusal"/>.</summary>
internal readonly record struct AdminHandshakeStep(IAdminMessage? Reply, AdminAuthResult? Refusal, AdminProofVerdict Verdict);

/// <summary>How a handshake step went, for logs and counters.</summary>
internal enum AdminProofVerdict
{
    None,
    Accepted,
    Wrong,
    LockedOutNow,
    LockedOut,
}
