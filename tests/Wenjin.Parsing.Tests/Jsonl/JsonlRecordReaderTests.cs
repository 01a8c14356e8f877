using System.Text;
using Wenjin.Parsing.Jsonl;
using Wenjin.Parsing.Tests.Golden;

namespace Wenjin.Parsing.Tests.Jsonl;

public sealed class JsonlRecordReaderTests
{
    [Fact]
    public void Good_lines_become_sources_and_bad_lines_become_errors()
    {
        var entries = JsonlRecordReader.Instance.Read(GoldenFile.ReadFixture("records.jsonl")).ToList();

        Assert.Equal([1, 2, 3, 4, 6], entries.Select(e => e.LineNumber));
        Assert.Equal([true, true, false, false, true], entries.Select(e => e.IsValid));

        var first = entries[0].Source!;
        Assert.Equal("faq-001", first.SourceId);
        Assert.Equal("faq-001.txt", first.FileName);
        Assert.Equal("txt", first.Extension);
        Assert.Equal("如何重置密码", first.Title);
        Assert.Equal("https://help.example.com/faq/001", first.Url);
        Assert.Equal("在登录页点击“忘记密码”，按提示通过手机验证码即可重置密码。", Encoding.UTF8.GetString(first.Content));

        Assert.Equal("2", entries[1].Source!.SourceId);
        Assert.Null(entries[1].Source!.Title);
        Assert.Equal("faq-005", entries[4].Source!.SourceId);

        Assert.Contains("id", entries[2].Error, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", entries[3].Error, StringComparison.Ordinal);
        Assert.Null(entries[2].Source);
    }

    [Fact]
    public void Duplicate_ids_and_missing_text_are_reported_per_line()
    {
        byte[] content = Encoding.UTF8.GetBytes("{\"id\":\"a\",\"text\":\"一\"}\n{\"id\":\"a\",\"text\":\"二\"}\n{\"id\":\"b\"}\n");

        var entries = JsonlRecordReader.Instance.Read(content).ToList();

        Assert.True(entries[0].IsValid);
        Assert.Contains("repeats an id", entries[1].Error, StringComparison.Ordinal);
        Assert.Equal("b", entries[2].RecordId);
        Assert.Contains("no \"text\"", entries[2].Error, StringComparison.Ordinal);
    }
}
