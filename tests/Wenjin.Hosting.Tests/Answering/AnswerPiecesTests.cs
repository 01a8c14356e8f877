using System.Text.RegularExpressions;
using Wenjin.Answers;
using Wenjin.Hosting.Answering;

namespace Wenjin.Hosting.Tests.Answering;

/// <summary>
/// Answers carry a "[n]" marker after each cited sentence, and a streamed answer arrives cut after each marker and
/// each line break (<c>KnowledgeBaseService.AnswerPieces</c>, seen here through <see cref="KnowledgeBaseService.AskStreamingAsync"/>).
/// </summary>
public sealed partial class AnswerPiecesTests
{
    [Theory]
    [InlineData("住宿标准有哪些？")]
    [InlineData("信息中心常见问题有哪些？")]
    [InlineData("千卡并行的有效算力达到多少？")]
    public async Task EveryCitedSentence_IsFollowedByItsMarker(string question)
    {
        var ct = TestContext.Current.CancellationToken;
        using var kb = await TestKnowledgeBase.CreateAsync(ct);

        var result = await kb.Service.AskAsync(TestKnowledgeBase.Name, question, ct);

        Assert.False(result.Refused, result.Reason);
        Assert.NotEmpty(result.Citations);
        Assert.Equal(Enumerable.Range(1, result.Citations.Count), result.Citations.Select(c => c.Index));
        Assert.Equal(result.Citations.Select(c => CitationMarkers.Format(c.Index)), Marker().Matches(result.Answer).Select(m => m.Value));
        int from = 0;
        foreach (var citation in result.Citations)
        {
            string cited = citation.Quote + CitationMarkers.Format(citation.Index);
            int at = result.Answer.IndexOf(cited, from, StringComparison.Ordinal);
            Assert.True(at >= from, $"'{cited}' not found in order in '{result.Answer}'");
            from = at + cited.Length;
        }

        Assert.EndsWith(CitationMarkers.Format(result.Citations.Count), result.Answer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("住宿标准有哪些？")]
    [InlineData("信息中心常见问题有哪些？")]
    [InlineData("千卡并行的有效算力达到多少？")]
    [InlineData("公司食堂的午餐几点开始供应？")]
    public async Task StreamedPieces_EndAtAMarkerOrALineBreak_AndMakeTheWholeAnswer(string question)
    {
        var ct = TestContext.Current.CancellationToken;
        using var kb = await TestKnowledgeBase.CreateAsync(ct);

        var pieces = new List<string>();
        AskResult? result = null;
        await foreach (var update in kb.Service.AskStreamingAsync(TestKnowledgeBase.Name, new AskRequest(question), ct))
        {
            if (update is AnswerDelta delta)
            {
                pieces.Add(delta.Text);
            }
            else if (update is AnswerCompleted completed)
            {
                result = completed.Result;
            }
        }

        Assert.NotNull(result);
        Assert.Equal(result.Answer, string.Concat(pieces));
        Assert.All(pieces, p => Assert.NotEmpty(p));
        Assert.All(pieces.SkipLast(1), p => Assert.True(p.EndsWith('\n') || EndsWithMarker(p), $"piece '{p}' ends mid-sentence"));
        Assert.All(pieces, p => Assert.False(p[..^1].Contains('\n', StringComparison.Ordinal) || CutInside().IsMatch(p[..^1]), $"piece '{p}' should have been cut earlier"));
        if (!result.Refused)
        {
            Assert.Equal(result.Citations.Count, pieces.Count(EndsWithMarker));
        }
    }

    [Fact]
    public async Task RefusedAnswer_CarriesNoMarkers()
    {
        var ct = TestContext.Current.CancellationToken;
        using var kb = await TestKnowledgeBase.CreateAsync(ct);

        var result = await kb.Service.AskAsync(TestKnowledgeBase.Name, "公司食堂的午餐几点开始供应？", ct);

        Assert.True(result.Refused);
        Assert.Empty(Marker().Matches(result.Answer));
    }

    [Theory]
    [InlineData(1, "[1]")]
    [InlineData(12, "[12]")]
    [InlineData(305, "[305]")]
    public void Format_IsTheIndexInBrackets(int index, string expected)
    {
        Assert.Equal(expected, CitationMarkers.Format(index));
    }

    [Theory]
    [InlineData("有效算力达到92%。[1]较上线初期提升了17个百分点。[2]", "有效算力达到92%。较上线初期提升了17个百分点。")]
    [InlineData("没有标记的回答。", "没有标记的回答。")]
    [InlineData("数组 a[i] 与列表 [x]", "数组 a[i] 与列表 [x]")]
    public void Strip_RemovesOnlyTheMarkers(string text, string expected)
    {
        Assert.Equal(expected, CitationMarkers.Strip(text));
    }

    [Fact]
    public async Task StrippedAnswer_HoldsOnlyTheDocumentsOwnText()
    {
        var ct = TestContext.Current.CancellationToken;
        using var kb = await TestKnowledgeBase.CreateAsync(ct);

        var result = await kb.Service.AskAsync(TestKnowledgeBase.Name, "住宿标准有哪些？", ct);

        string stripped = CitationMarkers.Strip(result.Answer);
        string text = kb.StoredText(result.Citations[0].DocId);
        var first = result.Citations[0];
        var last = result.Citations[^1];
        Assert.Equal(text[first.Start..last.End], stripped);
    }

    private static bool EndsWithMarker(string piece) => MarkerAtEnd().IsMatch(piece);

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex Marker();

    [GeneratedRegex(@"\[\d+\]$")]
    private static partial Regex MarkerAtEnd();

    /// <summary>A digit followed by "]": where a marker ends, so where a piece must end.</summary>
    [GeneratedRegex(@"\d\]")]
    private static partial Regex CutInside();
}
