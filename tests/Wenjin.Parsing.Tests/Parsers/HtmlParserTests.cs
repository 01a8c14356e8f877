using System.Text;
using Wenjin.Documents;
using Wenjin.Parsing.Parsers;

namespace Wenjin.Parsing.Tests.Parsers;

public sealed class HtmlParserTests
{
    static HtmlParserTests()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    [Fact]
    public void Gbk_page_with_meta_charset_is_decoded()
    {
        const string html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"><title>通知公告</title></head>"
            + "<body><script>var a = '脚本';</script><h1>关于调整营业时间的公告</h1><p>自2025年1月1日起，各网点营业时间调整为9:00至17:00。</p></body></html>";
        var source = new DocumentSource("n.html", "n.html", Encoding.GetEncoding(936).GetBytes(html));

        ParsedDocument document = new HtmlParser().Parse(source);

        Assert.Equal("gb18030", document.Encoding);
        Assert.Equal("通知公告", document.Title);
        Assert.Equal("关于调整营业时间的公告\n\n自2025年1月1日起，各网点营业时间调整为9:00至17:00。", document.Text);
    }

    [Fact]
    public void Page_chrome_is_dropped()
    {
        const string html = "<body><nav>首页 产品</nav><header>站点标题</header><p>正文内容。</p><aside>广告</aside><footer>版权</footer><style>p{}</style></body>";
        var source = new DocumentSource("p.htm", "p.htm", Encoding.UTF8.GetBytes(html));

        ParsedDocument document = new HtmlParser().Parse(source);

        Assert.Equal("正文内容。", document.Text);
        Assert.Null(document.Title);
    }
}
