using Wenjin.Documents;

namespace Wenjin.Parsing.Tests.Hostile;

/// <summary>
/// A test-only parser for the made-up extension ".slow" that blocks until <see cref="Release"/> is called: a scripted
/// runaway parse, so the time limit is tested with a short limit and never by measuring.
/// </summary>
internal sealed class BlockingParser : IDocumentParser, IDisposable
{
    private readonly ManualResetEventSlim _released = new();
    private readonly ManualResetEventSlim _finished = new();

    public string Format => "slow";

    public IReadOnlyCollection<string> Extensions { get; } = ["slow"];

    /// <summary>Set once a blocked parse has returned after <see cref="Release"/>.</summary>
    public bool Finished => _finished.IsSet;

    public ParsedDocument Parse(DocumentSource source)
    {
        _released.Wait();
        _finished.Set();
        throw new InvalidOperationException("the blocking parser was released; its result must be ignored");
    }

    public void Release() => _released.Set();

    /// <summary>Waits until a released parse has returned (bounded so a broken test cannot hang).</summary>
    public bool WaitFinished() => _finished.Wait(TimeSpan.FromSeconds(30));

    public void Dispose()
    {
        _released.Set();
        _released.Dispose();
        _finished.Dispose();
    }
}
