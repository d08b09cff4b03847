using Azure;

namespace GameServer.Persistence.AzureBlob;

/// <summary>Short, log-friendly descriptions of storage service errors.</summary>
internal static class BlobErrors
{
    /// <summary>"409 LeaseAlreadyPresent", or the status and first line of the message when the service sent no code.</summary>
    public static string Describe(RequestFailedException e)
    {
        if (e.Status == 0) return $"no response ({FirstLine(e.Message)})";
        return string.IsNullOrEmpty(e.ErrorCode) ? $"{e.Status} {FirstLine(e.Message)}" : $"{e.Status} {e.ErrorCode}";
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }
}
