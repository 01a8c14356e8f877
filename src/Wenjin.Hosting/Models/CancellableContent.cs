using System.Net;

namespace Wenjin.Hosting.Models;

/// <summary>A response body whose reads end with an <see cref="OperationCanceledException"/> when a given token is cancelled, whoever reads it.</summary>
internal sealed class CancellableContent : HttpContent
{
    private readonly HttpContent _inner;
    private readonly CancellationToken _cancellation;

    public CancellableContent(HttpContent inner, CancellationToken cancellation)
    {
        _inner = inner;
        _cancellation = cancellation;
        foreach (var header in inner.Headers)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) =>
        new CancellableReadStream(await _inner.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), _cancellation);

    protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var body = await CreateContentReadStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            await body.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = _inner.Headers.ContentLength ?? 0;
        return _inner.Headers.ContentLength is not null;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
