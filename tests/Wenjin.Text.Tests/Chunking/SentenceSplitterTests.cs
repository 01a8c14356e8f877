using Wenjin.Errors;
using Wenjin.Text.Chunking;
using Xunit;

namespace Wenjin.Text.Tests.Chunking;

public sealed class SentenceSplitterTests
{
    private static readonly SentenceSplitter Splitter = new();

    [Theory]
    [InlineData("今天天气很好。我们去公园吧！你来吗？", new[] { "今天天气很好。", "我们去公园吧！", "你来吗？" })]
    [InlineData("一是加强管理；二是提高效率。", new[] { "一是加强管理；", "二是提高效率。" })]
    [InlineData("真的吗？！我不信。", new[] { "真的吗？！", "我不信。" })]
    [InlineData("没有结尾标点的句子", new[] { "没有结尾标点的句子" })]
    public void Chinese_sentences_end_at_full_width_marks(string text, string[] expected)
    {
        Assert.Equal(expected, Sentences(text));
    }

    [Theory]
    [InlineData("他想了想……然后走了。", new[] { "他想了想……", "然后走了。" })]
    [InlineData("等等…好吧。", new[] { "等等…", "好吧。" })]
    public void An_ellipsis_ends_a_sentence_as_one_mark(string text, string[] expected)
    {
        Assert.Equal(expected, Sentences(text));
    }

    [Theory]
    [InlineData("他说：“我们明天出发。”大家都同意了。", new[] { "他说：“我们明天出发。”", "大家都同意了。" })]
    [InlineData("书中写道「知识就是力量。」这句话很有名。", new[] { "书中写道「知识就是力量。」", "这句话很有名。" })]
    [InlineData("（以上数据未经审计。）下面是附注。", new[] { "（以上数据未经审计。）", "下面是附注。" })]
    [InlineData("She said \"Stop.\" Then she left.", new[] { "She said \"Stop.\"", "Then she left." })]
    [InlineData("(This is a note.) Next one.", new[] { "(This is a note.)", "Next one." })]
    public void Closing_quotes_and_brackets_stay_with_their_sentence(string text, string[] expected)
    {
        Assert.Equal(expected, Sentences(text));
    }

    [Theory]
    [InlineData("This is one. This is two! Is this three? Yes; four.", new[] { "This is one.", "This is two!", "Is this three?", "Yes;", "four." })]
    [InlineData("He was born in 1990. He left in 2020.", new[] { "He was born in 1990.", "He left in 2020." })]
    [InlineData("Wait... what happened?", new[] { "Wait...", "what happened?" })]
    [InlineData("Visit Wenjin.Text now. OK.", new[] { "Visit Wenjin.Text now.", "OK." })]
    public void Latin_sentences_end_at_a_mark_followed_by_space_or_the_end(string text, string[] expected)
    {
        Assert.Equal(expected, Sentences(text));
    }

    [Theory]
    [InlineData("The rate rose to 3.5 percent. It then fell to 2.75.", new[] { "The rate rose to 3.5 percent.", "It then fell to 2.75." })]
    [InlineData("收入增长3.5%。利润增长2.1%。", new[] { "收入增长3.5%。", "利润增长2.1%。" })]
    public void Decimals_do_not_end_sentences(string text, string[] expected)
    {
        Assert.Equal(expected, Sentences(text));
    }

    [Theory]
    [InlineData("See e.g. the report by Dr. Smith. No. 5 was best.", new[] { "See e.g. the report by Dr. Smith.", "No. 5 was best." })]
    [InlineData("J. R. R. Tolkien wrote it. Fig. 2 shows i.e. the rest.", new[] { "J. R. R. Tolkien wrote it.", "Fig. 2 shows i.e. the rest." })]
    [InlineData("It was built in the U.S. and shipped.", new[] { "It was built in the U.S. and shipped." })]
    public void Abbreviations_and_initials_do_not_end_sentences(string text, string[] expected)
    {
        Assert.Equal(expected, Sentences(text));
    }

    [Fact]
    public void A_list_number_that_opens_a_line_does_not_end_a_sentence()
    {
        Assert.Equal(["1. Install the tool", "2. Run it.", "a. Read the guide"], Sentences("1. Install the tool\n2. Run it.\na. Read the guide"));
    }

    [Theory]
    [InlineData("Wenjin 支持 PDF 和 DOCX 格式。It also reads HTML. 版本为 2.0。", new[] { "Wenjin 支持 PDF 和 DOCX 格式。", "It also reads HTML.", "版本为 2.0。" })]
    [InlineData("真的吗?我不信!好吧。", new[] { "真的吗?", "我不信!", "好吧。" })]
    public void Mixed_text_uses_both_sets_of_rules(string text, string[] expected)
    {
        Assert.Equal(expected, Sentences(text));
    }

    [Fact]
    public void A_line_break_ends_a_sentence_and_spans_are_trimmed()
    {
        string text = "  第一行没有标点 \r\n\n\u3000第二行。  \n ";

        var spans = Splitter.Split(text);

        Assert.Equal(["第一行没有标点", "第二行。"], spans.Select(s => text[s.Start..s.End]));
        Assert.Equal(new SentenceSpan(2, 9), spans[0]);
    }

    [Fact]
    public void Blank_text_has_no_sentences()
    {
        Assert.Empty(Splitter.Split(" \n\t\u3000 "));
        Assert.Empty(Splitter.Split(string.Empty));
    }

    [Fact]
    public void A_long_sentence_without_end_marks_is_cut_after_a_comma_near_the_limit()
    {
        var splitter = new SentenceSplitter(100);
        string clause = new string('数', 39) + "，";
        string text = string.Concat(Enumerable.Repeat(clause, 12)) + "完。";

        var spans = splitter.Split(text);

        Assert.All(spans, s => Assert.True(s.Length <= 100, $"span of {s.Length}"));
        Assert.All(spans.SkipLast(1), s => Assert.Equal('，', text[s.End - 1]));
        Assert.Equal(text, string.Concat(spans.Select(s => text[s.Start..s.End])));
        Assert.Equal(80, spans[0].Length);
    }

    [Fact]
    public void A_long_sentence_without_commas_or_spaces_is_cut_at_the_limit()
    {
        var splitter = new SentenceSplitter(50);
        string text = new string('字', 120);

        var spans = splitter.Split(text);

        Assert.Equal([50, 50, 20], spans.Select(s => s.Length));
    }

    [Fact]
    public void A_cut_never_separates_a_surrogate_pair()
    {
        var splitter = new SentenceSplitter(51);
        string text = string.Concat(Enumerable.Repeat("𠀀", 100));

        var spans = splitter.Split(text);

        Assert.All(spans, s => Assert.True(char.IsHighSurrogate(text[s.Start]) && char.IsLowSurrogate(text[s.End - 1])));
        Assert.Equal(200, spans.Sum(s => s.Length));
    }

    [Fact]
    public void Offsets_are_shifted_into_the_string_the_slice_came_from()
    {
        string text = "前言。正文第一句。正文第二句。";
        var sentences = new List<SentenceSpan>();

        Splitter.Split(text.AsSpan(3), sentences, offset: 3);

        Assert.Equal([new SentenceSpan(3, 9), new SentenceSpan(9, 15)], sentences);
    }

    [Fact]
    public void Line_splitting_ignores_sentence_marks()
    {
        string code = "var a = 1; var b = 2. c();\n  return a! ;";
        var lines = new List<SentenceSpan>();

        Splitter.SplitLines(code, lines);

        Assert.Equal(["var a = 1; var b = 2. c();", "return a! ;"], lines.Select(s => code[s.Start..s.End]));
    }

    [Fact]
    public void A_limit_too_small_to_hold_a_sentence_is_rejected()
    {
        var exception = Assert.Throws<WenjinException>(() => new SentenceSplitter(2));

        Assert.Equal(WenjinErrorKind.InvalidInput, exception.Kind);
    }

    private static IEnumerable<string> Sentences(string text) => Splitter.Split(text).Select(s => text[s.Start..s.End]);
}
