using System.Text;
using Wenjin.Errors;
using Wenjin.Parsing.Encodings;

namespace Wenjin.Parsing.Tests.Encodings;

public sealed class TextDecoderTests
{
    private const string Simplified = "2024年，本行坚持以客户为中心，全面推进数字化转型，千卡并行的有效算力达到 92%。";
    private const string Traditional = "申請信用卡需要準備身分證正反面影本，年滿20歲即可申請正卡，核卡後約7個工作天內寄出。";

    static TextDecoderTests()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    [Fact]
    public void Utf8_without_bom_is_detected()
    {
        DecodedText decoded = TextDecoder.Decode(Encoding.UTF8.GetBytes(Simplified));

        Assert.Equal(Simplified, decoded.Text);
        Assert.Equal("utf-8", decoded.EncodingName);
    }

    [Fact]
    public void Utf8_bom_is_removed()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Simplified)];

        DecodedText decoded = TextDecoder.Decode(bytes);

        Assert.Equal(Simplified, decoded.Text);
        Assert.Equal("utf-8", decoded.EncodingName);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(false, false)]
    public void Utf16_is_detected_with_and_without_bom(bool littleEndian, bool withBom)
    {
        const string text = "Annual report 2024: the bank served 3.26 million new customers online. 数字化转型。";
        Encoding encoding = littleEndian ? Encoding.Unicode : Encoding.BigEndianUnicode;
        byte[] bytes = withBom ? [.. encoding.GetPreamble(), .. encoding.GetBytes(text)] : encoding.GetBytes(text);

        DecodedText decoded = TextDecoder.Decode(bytes);

        Assert.Equal(text, decoded.Text);
        Assert.Equal(littleEndian ? "utf-16le" : "utf-16be", decoded.EncodingName);
    }

    [Theory]
    [InlineData("gb18030", Simplified)]
    [InlineData("gb18030", "关于做好元旦春节期间安全生产工作的通知")]
    [InlineData("gb18030", "银行存款利率下调")]
    [InlineData("gb18030", "各区人民政府，市政府各委、办、局：现将有关事项通知如下。")]
    public void Gbk_text_is_decoded_as_gb18030(string expectedName, string text)
    {
        byte[] bytes = Encoding.GetEncoding(936).GetBytes(text);

        DecodedText decoded = TextDecoder.Decode(bytes);

        Assert.Equal(text, decoded.Text);
        Assert.Equal(expectedName, decoded.EncodingName);
    }

    [Theory]
    [InlineData(Traditional)]
    [InlineData("星河銀行信用卡常見問題")]
    [InlineData("逾期將依約定收取違約金，並可能影響您在聯徵中心的信用紀錄。")]
    public void Big5_text_is_decoded_as_big5(string text)
    {
        byte[] bytes = Encoding.GetEncoding(950).GetBytes(text);

        DecodedText decoded = TextDecoder.Decode(bytes);

        Assert.Equal(text, decoded.Text);
        Assert.Equal("big5", decoded.EncodingName);
    }

    [Fact]
    public void Declared_charset_is_used_for_non_utf8_bytes()
    {
        byte[] bytes = Encoding.GetEncoding(936).GetBytes(Simplified);

        DecodedText decoded = TextDecoder.Decode(bytes, "GBK");

        Assert.Equal(Simplified, decoded.Text);
        Assert.Equal("gb18030", decoded.EncodingName);
    }

    [Fact]
    public void Utf8_cut_in_the_middle_of_a_character_stays_utf8()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(Simplified + "结");
        byte[] cut = bytes[..^1];

        DecodedText decoded = TextDecoder.Decode(cut);

        Assert.Equal("utf-8", decoded.EncodingName);
        Assert.StartsWith(Simplified, decoded.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_content_is_unreadable_at_detect_stage()
    {
        byte[] bytes = new byte[512];
        new Random(7).NextBytes(bytes);
        bytes[10] = 0;
        bytes[11] = 0;

        var error = Assert.Throws<WenjinException>(() => TextDecoder.Decode(bytes));

        Assert.Equal(WenjinErrorKind.UnreadableContent, error.Kind);
        Assert.Equal("detect", error.Stage);
    }

    [Fact]
    public void Control_characters_without_nul_are_unreadable()
    {
        byte[] bytes = [.. Enumerable.Range(0, 200).Select(i => (byte)(i % 2 == 0 ? 0x01 : 0x41))];

        var error = Assert.Throws<WenjinException>(() => TextDecoder.Decode(bytes));

        Assert.Equal(WenjinErrorKind.UnreadableContent, error.Kind);
    }
}
