using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using GameServer.Persistence.Storage;

namespace GameServer.Persistence.AzureBlob;

/// <summary>Random-access reads of one committed save blob through ranged downloads, pinned to its ETag.</summary>
/// <remarks>
/// Reads go through a window of <see cref="WindowSize"/> bytes, so the decoder's small reads (a header, a
/// block table) cost one request, not one each. Every download is conditional on the ETag seen at open:
/// the bytes cannot change under an open handle; a save replaced or deleted meanwhile fails the read with
/// an <see cref="IOException"/>. Blocking (the contract's reads are synchronous, off the tick thread); each
/// download, retries included, is bounded by <c>deadline</c>, and any failure is one <see cref="IOException"/>.
/// </remarks>
internal sealed class BlobReadHandle(BlobClient blob, string name, string location, long length, ETag etag, TimeSpan deadline) : ISaveReadHandle
{
    /// <summary>Bytes fetched per request at least.</summary>
    public const int WindowSize = 1024 * 1024;

    private byte[]? _window;
    private long _windowOffset;
    private int _windowLength;

    public string Name => name;

    public string Location => location;

    public long Length => length;

    public int Read(long offset, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (offset >= length || destination.IsEmpty) return 0;
        var wanted = (int)Math.Min(destination.Length, length - offset);
        if (!InWindow(offset, wanted))
        {
            if (wanted > WindowSize) return Download(offset, destination[..wanted]);
            _window ??= new byte[WindowSize];
            var fetch = (int)Math.Min(WindowSize, length - offset);
            _windowLength = 0;
            _windowOffset = offset;
            _windowLength = Download(offset, _window.AsSpan(0, fetch));
        }

        var available = (int)Math.Min(wanted, _windowOffset + _windowLength - offset);
        _window.AsSpan((int)(offset - _windowOffset), available).CopyTo(destination);
        return available;
    }

    public void Dispose() => _window = null;

    private bool InWindow(long offset, int count) =>
        _window is not null && offset >= _windowOffset && offset + count <= _windowOffset + _windowLength;

    private int Download(long offset, Span<byte> destination)
    {
        using var limit = BlobErrors.Deadline(deadline, CancellationToken.None);
        try
        {
            var options = new BlobDownloadOptions
            {
                Range = new HttpRange(offset, destination.Length),
                Conditions = new BlobRequestConditions { IfMatch = etag },
            };
            using var response = blob.DownloadStreaming(options, limit.Token).Value;
            var total = 0;
            while (total < destination.Length)
            {
                var n = response.Content.Read(destination[total..]);
                if (n == 0) break;
                total += n;
            }

            return total;
        }
        catch (Exception e) when (BlobErrors.IsStoreFailure(e, CancellationToken.None))
        {
            throw BlobErrors.Fail($"could not read {location} at offset {offset}", e, deadline);
        }
    }
}
