using System.Buffers;

namespace Wenjin.Hosting.Models;

/// <summary>
/// A read-only stream whose every read, synchronous or not, also observes a fixed token: a synchronous read waits on
/// the asynchronous one, so even a reader that never passes a token (StreamReader.EndOfStream) is released when the
/// token is cancelled.
/// </summary>
internal sealed class CancellableReadStream : Stream
{
    private readonly Stream _inner;
    private readonly CancellationToken _cancellation;

    public CancellableReadStream(Stream inner, CancellationToken cancellation)
    {
        _inner = inner;
        _cancellation = cancellation;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!cancellationToken.CanBeCanceled)
        {
            return await _inner.ReadAsync(buffer, _cancellation).ConfigureAwait(false);
        }

        using var both = CancellationTokenSource.CreateLinkedTokenSource(_cancellation, cancellationToken);
        return await _inner.ReadAsync(buffer, both.Token).ConfigureAwait(false);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count), CancellationToken.None).AsTask().GetAwaiter().GetResult();

    public override int Read(Span<byte> buffer)
    {
        byte[] rented = ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            int read = Read(rented, 0, buffer.Length);
            rented.AsSpan(0, read).CopyTo(buffer);
            return read;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await _inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
