using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Wenjin.Hosting.Models;

namespace Wenjin.Hosting.Tests.Models;

/// <summary>
/// <see cref="ResilientChatClient"/> over an inner client that ends its stream quietly when cancelled (as OllamaSharp
/// does between NDJSON lines): a cancelled attempt must never pass for a complete answer.
/// </summary>
public sealed class ResilientChatClientTests
{
    private static readonly ChatMessage[] Question = [new(ChatRole.User, "问")];

    [Fact]
    public async Task A_caller_cancelling_mid_stream_gets_a_cancellation_not_a_short_answer()
    {
        static async IAsyncEnumerable<ChatResponseUpdate> Stream(int attempt, [EnumeratorCancellation] CancellationToken token)
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, "一");
            await Task.Yield();
            if (token.IsCancellationRequested)
            {
                yield break;
            }

            yield return new ChatResponseUpdate(ChatRole.Assistant, "二");
        }

        using var client = new ResilientChatClient(new StreamFunctionChatClient(Stream), Options());
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var pieces = new List<string>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(Question, cancellationToken: cancel.Token))
            {
                pieces.Add(update.Text);
                await cancel.CancelAsync();
            }
        });

        Assert.Equal(["一"], pieces);
    }

    [Fact]
    public async Task An_attempt_that_timed_out_and_ended_quietly_is_retried()
    {
        static async IAsyncEnumerable<ChatResponseUpdate> Stream(int attempt, [EnumeratorCancellation] CancellationToken token)
        {
            if (attempt == 0)
            {
                try
                {
                    await Task.Delay(Timeout.Infinite, token);
                }
                catch (OperationCanceledException)
                {
                    // Ends without an update and without an exception.
                }

                yield break;
            }

            yield return new ChatResponseUpdate(ChatRole.Assistant, "好");
        }

        var inner = new StreamFunctionChatClient(Stream);
        using var client = new ResilientChatClient(inner, Options());

        var updates = await client.GetStreamingResponseAsync(Question, cancellationToken: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["好"], updates.Select(u => u.Text));
        Assert.Equal(2, inner.Calls);
    }

    private static ChatModelOptions Options() => new()
    {
        BaseUrl = "http://127.0.0.1:1/v1",
        Model = "m",
        Timeout = TimeSpan.FromMilliseconds(500),
        MaxRetries = 1,
        RetryDelay = TimeSpan.FromMilliseconds(10),
    };
}
