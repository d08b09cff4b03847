namespace GameServer.World.Snapshots;

/// <summary>One capture of a <see cref="CaptureSession"/>: whether it is still in progress, and a way to finish it.</summary>
/// <remarks>
/// What a world keeps of its deferred capture, on the tick thread only. Sessions are pooled with their
/// snapshots, so the generation says which of the session's captures this is: once it is published, the
/// ticket says "not in progress" whatever the session does next. The default ticket names no capture.
/// </remarks>
internal readonly struct CaptureTicket(CaptureSession session, long generation)
{
    /// <summary>Whether the capture has neither completed nor been abandoned.</summary>
    public bool InProgress => session is not null && !session.HasPublished(generation);

    /// <summary>Copies everything the capture still owes, on the calling thread (a no-op once it finished).</summary>
    public void Finish() => session?.Finish(generation);
}
