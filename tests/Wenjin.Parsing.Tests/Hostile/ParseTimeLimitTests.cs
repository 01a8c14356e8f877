using Wenjin.Documents;
using Wenjin.Errors;

namespace Wenjin.Parsing.Tests.Hostile;

public sealed class ParseTimeLimitTests
{
    [Fact]
    public void Parse_running_past_the_time_limit_is_abandoned_and_the_next_document_parses()
    {
        using var blocking = new BlockingParser();
        var registry = new ParserRegistry(new ParsingLimits { ParseTimeout = TimeSpan.FromMilliseconds(50) }, [blocking]);

        var error = Assert.Throws<WenjinException>(() => registry.Parse(new DocumentSource("runaway.slow", "runaway.slow", [1, 2, 3])));

        Assert.Equal(WenjinErrorKind.TooLarge, error.Kind);
        Assert.Equal("parse", error.Stage);
        Assert.Contains("\"runaway.slow\" took longer than the parse time limit of 0.05 s and was abandoned", error.Message, StringComparison.Ordinal);
        Assert.False(blocking.Finished);

        ParsedDocument next = registry.Parse(new DocumentSource("next.txt", "next.txt", "下一份文件照常解析。"u8.ToArray()));
        Assert.Equal("下一份文件照常解析。", next.Text);

        // The abandoned thread ends when its library call returns; what it throws then is caught, not unhandled.
        blocking.Release();
        Assert.True(blocking.WaitFinished());
    }

    [Fact]
    public void With_as_many_runaway_parses_as_allowed_still_running_a_new_document_fails_at_once_until_one_ends()
    {
        using var blocking = new BlockingParser();
        var registry = new ParserRegistry(new ParsingLimits { ParseTimeout = TimeSpan.FromSeconds(1), MaxAbandonedParses = 1 }, [blocking]);
        Assert.Throws<WenjinException>(() => registry.Parse(new DocumentSource("runaway.slow", "runaway.slow", [1, 2, 3])));
        Assert.Equal(1, registry.AbandonedParsesRunning);

        var refused = Assert.Throws<WenjinException>(() => registry.Parse(new DocumentSource("next.txt", "next.txt", "等待中的文件。"u8.ToArray())));

        Assert.Equal("parse", refused.Stage);
        Assert.Contains("1 earlier parses that ran past the time limit are still running", refused.Message, StringComparison.Ordinal);

        blocking.Release();
        Assert.True(blocking.WaitFinished());
        Assert.True(SpinWait.SpinUntil(() => registry.AbandonedParsesRunning == 0, TimeSpan.FromSeconds(30)));
        Assert.Equal("等待中的文件。", registry.Parse(new DocumentSource("next.txt", "next.txt", "等待中的文件。"u8.ToArray())).Text);
    }

    [Fact]
    public void Parse_within_the_time_limit_returns_its_document()
    {
        var registry = new ParserRegistry(new ParsingLimits { ParseTimeout = TimeSpan.FromMinutes(5) });

        ParsedDocument document = registry.Parse(new DocumentSource("a.txt", "a.txt", "限时之内完成解析。"u8.ToArray()));

        Assert.Equal("限时之内完成解析。", document.Text);
    }

    [Fact]
    public void Additional_parser_wins_for_its_extension_and_adds_it_to_the_supported_list()
    {
        using var blocking = new BlockingParser();
        var registry = new ParserRegistry(ParsingLimits.Default, [blocking]);

        Assert.Same(blocking, registry.Resolve(new DocumentSource("x.slow", "x.slow", [1])));
        Assert.Contains("slow", registry.SupportedExtensions);
    }

    [Fact]
    public void Non_positive_time_limit_is_misuse()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ParserRegistry(new ParsingLimits { ParseTimeout = TimeSpan.Zero }));
    }
}
