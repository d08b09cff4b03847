using System.Buffers;
using System.Globalization;
using System.Text;
using Azure;
using Azure.Storage;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace GameServer.Persistence.AzureBlob;

/// <summary>
/// A write-only stream that cuts what it is given into blocks and stages them on a block blob, several at
/// once; nothing is visible under the blob's name until the caller commits <see cref="CompleteAsync"/>'s list.
/// </summary>
/// <remarks>
/// Blocks are staged on <see cref="LoweredUploadThreads"/> (below the tick thread's priority) with the SDK's
/// synchronous call. By default a block carries no transactional checksum: the save format's own per-block
/// checksums guard the bytes end to end (every load checks them) and TLS protects them in transit; with
/// <see cref="AzureBlobStoreOptions.TransferChecksum"/> set, the service checks each block's MD5 or CRC64 on
/// arrival and a damaged block is refused and retried. Block ids start with a per-put GUID, so two puts never
/// mix blocks, and all have one length (the service requires it). Buffers are pooled; at most
/// <c>parallelism</c> blocks are in flight, and a writer faster than the network waits for a free slot.
/// A failed upload surfaces on the next write as an <see cref="IOException"/>. Not thread-safe.
/// </remarks>
internal sealed class BlockStagingStream : Stream
{
    private readonly BlockBlobClient _blob;
    private readonly string _putId = Guid.NewGuid().ToString("N");
    private readonly int _blockSize;
    private readonly SemaphoreSlim _slots;
    private readonly int _parallelism;
    private readonly StorageChecksumAlgorithm _checksum;
    private readonly LoweredUploadThreads _uploads;
    private readonly CancellationToken _cancellation;
    private readonly List<string> _ids = [];
    private readonly List<Task> _inFlight = [];
    private byte[]? _buffer;
    private int _filled;
    private long _length;

    public BlockStagingStream(BlockBlobClient blob, AzureBlobStoreOptions options, LoweredUploadThreads uploads, CancellationToken cancellation)
    {
        _blob = blob;
        _blockSize = options.BlockSize;
        _parallelism = options.UploadParallelism;
        _slots = new SemaphoreSlim(_parallelism, _parallelism);
        _checksum = options.TransferChecksum switch
        {
            BlockChecksum.Md5 => StorageChecksumAlgorithm.MD5,
            BlockChecksum.Crc64 => StorageChecksumAlgorithm.StorageCrc64,
            _ => StorageChecksumAlgorithm.None,
        };
        _uploads = uploads;
        _cancellation = cancellation;
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var n = Fill(buffer);
            buffer = buffer[n..];
            if (_filled == _blockSize)
            {
                _slots.Wait(_cancellation);
                Dispatch();
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty)
        {
            var n = Fill(buffer.Span);
            buffer = buffer[n..];
            if (_filled == _blockSize)
            {
                await _slots.WaitAsync(_cancellation).ConfigureAwait(false);
                Dispatch();
            }
        }
    }

    /// <summary>Stages the last partial block, waits for every upload and returns the block ids in order.</summary>
    /// <exception cref="IOException">A block could not be staged.</exception>
    public async Task<IReadOnlyList<string>> CompleteAsync()
    {
        if (_filled > 0)
        {
            await _slots.WaitAsync(_cancellation).ConfigureAwait(false);
            Dispatch();
        }

        await Task.WhenAll(_inFlight).ConfigureAwait(false);
        return _ids;
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        await WaitQuietly().ConfigureAwait(false);
        ReturnBuffer();
        _slots.Dispose();
        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            WaitQuietly().GetAwaiter().GetResult();
            ReturnBuffer();
            _slots.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Fill(ReadOnlySpan<byte> source)
    {
        ThrowIfUploadFailed();
        _buffer ??= ArrayPool<byte>.Shared.Rent(_blockSize);
        var n = Math.Min(source.Length, _blockSize - _filled);
        source[..n].CopyTo(_buffer.AsSpan(_filled));
        _filled += n;
        _length += n;
        return n;
    }

    /// <summary>Starts uploading the full buffer as the next block; the caller holds a slot, which the upload releases.</summary>
    private void Dispatch()
    {
        var id = Convert.ToBase64String(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{_putId}-{_ids.Count:D6}")));
        _ids.Add(id);
        var buffer = _buffer!;
        var length = _filled;
        _buffer = null;
        _filled = 0;
        _inFlight.Add(StageAsync(id, buffer, length));
    }

    private async Task StageAsync(string id, byte[] buffer, int length)
    {
        try
        {
            await _uploads.Run(() => Stage(id, buffer, length), _parallelism).ConfigureAwait(false);
        }
        catch (Exception e) when (BlobErrors.IsStoreFailure(e, CancellationToken.None) && !_cancellation.IsCancellationRequested)
        {
            throw BlobErrors.Fail($"could not upload a block of {_blob.Name}", e, TimeSpan.Zero);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            _slots.Release();
        }
    }

    // On an upload thread: the SDK's synchronous call computes the checksum and copies to the socket right here.
    private void Stage(string id, byte[] buffer, int length)
    {
        using var content = new MemoryStream(buffer, 0, length, writable: false);
        var options = new BlockBlobStageBlockOptions
        {
            TransferValidation = new UploadTransferValidationOptions { ChecksumAlgorithm = _checksum },
        };
        _blob.StageBlock(id, content, options, _cancellation);
    }

    private void ThrowIfUploadFailed()
    {
        foreach (var task in _inFlight)
        {
            if (task.IsFaulted) task.GetAwaiter().GetResult();
        }
    }

    private async Task WaitQuietly()
    {
        try
        {
            await Task.WhenAll(_inFlight).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or RequestFailedException or AggregateException)
        {
            // The put already failed; its caller sees the first error. Staged blocks expire uncommitted.
        }
    }

    private void ReturnBuffer()
    {
        if (_buffer is null) return;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = null;
    }
}
