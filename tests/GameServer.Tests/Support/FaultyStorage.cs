using GameServer.Persistence.Storage;

namespace GameServer.Tests.Support;

/// <summary>A local folder whose write path fails on command: the failure-injection seam for tests.</summary>
internal sealed class FaultyStorage(string directory) : ISaveStorage
{
    private readonly LocalFolderStorage _inner = new(directory);

    /// <summary>Fail the next writes after this many bytes (null: never).</summary>
    public long? FailWriteAfterBytes { get; set; }

    public bool FailCommit { get; set; }

    public bool FailFlush { get; set; }

    public long? ReportedFreeBytes { get; set; }

    public string Location => _inner.Location;

    public IReadOnlyList<string> ListFiles() => _inner.ListFiles();

    public string PathOf(string name) => _inner.PathOf(name);

    public Stream CreateTemp(string tempName) =>
        FailWriteAfterBytes is { } limit ? new FailingStream(_inner.CreateTemp(tempName), limit) : _inner.CreateTemp(tempName);

    public void FlushToDisk(Stream stream)
    {
        if (FailFlush) throw new IOException("Input/output error (injected on fsync)");
        _inner.FlushToDisk(stream is FailingStream f ? f.Inner : stream);
    }

    public void Commit(string tempName, string finalName)
    {
        if (FailCommit) throw new UnauthorizedAccessException("Permission denied (injected on rename)");
        _inner.Commit(tempName, finalName);
    }

    public void Delete(string name) => _inner.Delete(name);

    public long? AvailableFreeBytes() => ReportedFreeBytes ?? _inner.AvailableFreeBytes();

    private sealed class FailingStream(Stream inner, long limit) : Stream
    {
        private long _written;

        public Stream Inner => inner;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _written;

        public override long Position { get => _written; set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (_written + buffer.Length > limit)
            {
                var room = (int)Math.Max(0, limit - _written);
                inner.Write(buffer[..room]);
                _written += room;
                throw new IOException("No space left on device (injected)");
            }

            inner.Write(buffer);
            _written += buffer.Length;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
