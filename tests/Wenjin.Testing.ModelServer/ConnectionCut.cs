using System.Net.Sockets;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace Wenjin.Testing.ModelServer;

/// <summary>
/// Ends a connection in the middle of a response the way a crashed model server does: what was written arrives, then
/// the connection closes (FIN) where the HTTP framing says more should follow, so the client reads the partial answer
/// and then fails with "the response ended prematurely". A bare <see cref="HttpContext.Abort"/> is not enough: it may
/// drop output Kestrel has not yet written and reset the connection, so the client would see nothing.
/// </summary>
internal static class ConnectionCut
{
    /// <summary>Time for Kestrel to hand the flushed bytes to the socket before the send side is shut.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(100);

    /// <summary>Cuts the connection of <paramref name="http"/> and records <paramref name="record"/> as aborted.</summary>
    public static async Task CloseAsync(HttpContext http, RecordedRequest record, CancellationToken cancellationToken)
    {
        await Task.Delay(Grace, cancellationToken);
        try
        {
            http.Features.Get<IConnectionSocketFeature>()?.Socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already closed by the client: nothing left to cut.
        }

        record.Aborted = true;
        http.Abort();
    }
}
