using System.Globalization;
using System.Net.Sockets;
using Azure;

namespace GameServer.Persistence.AzureBlob;

/// <summary>Short, log-friendly descriptions of storage service errors, and which exceptions are the store failing.</summary>
/// <remarks>
/// The SDK reports a request that failed on every retry as an <see cref="AggregateException"/> of all the
/// attempts (a stack of identical "connection refused"); a call cut by a deadline as an
/// <see cref="OperationCanceledException"/>. Both become one line here, so every path of the store (list,
/// read, put, delete, lease) fails with an <see cref="IOException"/> that an operator can read.
/// </remarks>
internal static class BlobErrors
{
    /// <summary>"409 LeaseAlreadyPresent", or the status and first line of the message when the service sent no code.</summary>
    public static string Describe(RequestFailedException e)
    {
        if (e.Status == 0) return $"no response ({FirstLine(Innermost(e).Message)})";
        return string.IsNullOrEmpty(e.ErrorCode) ? $"{e.Status} {FirstLine(e.Message)}" : $"{e.Status} {e.ErrorCode}";
    }

    /// <summary>One line for any store failure; <paramref name="deadline"/> is what a cancelled call ran into (zero: a request's own timeout).</summary>
    public static string Describe(Exception e, TimeSpan deadline) => e switch
    {
        RequestFailedException r => Describe(r),
        AggregateException { InnerExceptions.Count: > 0 } a => string.Create(CultureInfo.InvariantCulture,
            $"store unreachable after {a.InnerExceptions.Count} tries ({Describe(a.InnerExceptions[^1], TimeSpan.Zero)})"),
        OperationCanceledException when deadline > TimeSpan.Zero => string.Create(CultureInfo.InvariantCulture, $"no answer within {deadline.TotalSeconds:0.#} s"),
        OperationCanceledException => "request timed out",
        _ => FirstLine(Innermost(e).Message),
    };

    /// <summary>
    /// Whether <paramref name="e"/> is the store failing (an error answer, no answer, retries given up, the
    /// deadline) rather than the caller cancelling through <paramref name="caller"/> or a bug.
    /// </summary>
    public static bool IsStoreFailure(Exception e, CancellationToken caller) => e switch
    {
        RequestFailedException or AggregateException or HttpRequestException or SocketException => true,
        OperationCanceledException => !caller.IsCancellationRequested,
        _ => false,
    };

    /// <summary>An <see cref="IOException"/> "<paramref name="what"/>: &lt;one-line reason&gt;" wrapping <paramref name="e"/>.</summary>
    public static IOException Fail(string what, Exception e, TimeSpan deadline) => new($"{what}: {Describe(e, deadline)}", e);

    /// <summary>A token cancelled by <paramref name="caller"/> or after <paramref name="deadline"/>, whichever comes first.</summary>
    public static CancellationTokenSource Deadline(TimeSpan deadline, CancellationToken caller)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(caller);
        source.CancelAfter(deadline);
        return source;
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        return e;
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }
}
