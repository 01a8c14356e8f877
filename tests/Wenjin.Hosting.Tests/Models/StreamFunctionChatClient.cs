using Microsoft.Extensions.AI;

namespace Wenjin.Hosting.Tests.Models;

/// <summary>An inner chat client whose stream is a test's function of the attempt number (0, 1, …) and the call's token.</summary>
internal sealed class StreamFunctionChatClient(Func<int, CancellationToken, IAsyncEnumerable<ChatResponseUpdate>> stream) : IChatClient
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        stream(Interlocked.Increment(ref _calls) - 1, cancellationToken);

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Only streaming is scripted.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
