namespace Wenjin.Hosting.Tests;

/// <summary>
/// Realistic Chinese documents written by the tests: a travel policy (Markdown), an annual report with numbers and
/// dates (plain text), an FAQ page (HTML) and news records (JSONL).
/// </summary>
internal static class Corpus
{
    public const string PolicyPath = "policies/travel.md";
    public const string ReportPath = "reports/2024/annual.txt";
    public const string FaqPath = "faq.html";
    public const string NewsPath = "news.jsonl";

    public const string Policy = """
        # 差旅费报销管理办法

        ## 第一章 总则

        第一条 为规范公司差旅费管理，厉行节约，根据国家有关规定，制定本办法。

        第二条 本办法适用于公司全体正式员工及劳务派遣人员。

        ## 第二章 住宿标准

        第五条 员工出差住宿费实行限额标准。在北京、上海、广州、深圳出差的，每人每晚住宿费不超过600元；在其他省会城市出差的，每人每晚不超过450元。

        第六条 超出标准的部分由员工个人承担，确因会议统一安排而超标的，须附会议通知。

        ## 第三章 报销流程

        第九条 员工应在出差结束后15个工作日内提交报销申请，逾期不予受理。

        第十条 报销须提供发票原件、行程单及经部门负责人签字的出差审批单。
        """;

    public const string Report = """
        智算中心2024年度运行报告

        一、总体情况

        智算中心于2023年11月8日开工建设，2024年3月15日正式投入运行。截至2024年12月31日，中心累计服务科研团队126个，完成训练任务3480项。

        二、算力与效率

        中心部署国产加速卡2048张，总算力达到每秒400亿亿次浮点运算。经过通信库优化，千卡并行的有效算力达到92%，较上线初期提升了17个百分点。单次训练任务的平均排队时间由6.5小时缩短至1.2小时。

        三、能耗情况

        全年用电量为4860万千瓦时，电能利用效率降至1.18，低于全省数据中心平均水平。
        """;

    public const string Faq = """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head><meta charset="utf-8"><title>信息中心常见问题</title></head>
        <body>
        <h1>信息中心常见问题</h1>
        <h2>如何订阅行业资讯？</h2>
        <p>登录内网门户后，在“资讯订阅”栏目勾选感兴趣的行业分类，系统每周一上午推送行业资讯简报。</p>
        <h2>忘记邮箱密码怎么办？</h2>
        <p>请携带工牌到信息中心服务台（行政楼三层302室）办理密码重置，或拨打服务热线6688转2。</p>
        <h2>VPN无法连接怎么办？</h2>
        <p>请先确认客户端版本不低于5.2，然后重新导入证书；仍无法连接的，请提交运维工单。</p>
        </body>
        </html>
        """;

    public const string News = """
        {"id": "news-001", "title": "市图书馆延长开放时间", "text": "自2024年7月1日起，市图书馆周末开放时间延长至晚上21点，暑期每天接待读者约8000人次。"}
        {"id": "news-002", "title": "地铁5号线南延段开通", "text": "地铁5号线南延段于2024年9月28日开通试运营，新增车站6座，线路全长12.4公里。"}
        """;

    /// <summary>Source ids the four good files and two records get when <see cref="WriteAll"/>'s folder is ingested.</summary>
    public static IReadOnlyList<string> SourceIds { get; } = ["faq.html", "news-001", "news-002", PolicyPath, ReportPath];

    /// <summary>Writes the four files under <paramref name="folder"/> (relative to the temp directory) and returns its path.</summary>
    public static string WriteAll(TempDirectory temp, string folder = "docs")
    {
        temp.Write($"{folder}/{PolicyPath}", Policy);
        temp.Write($"{folder}/{ReportPath}", Report);
        temp.Write($"{folder}/{FaqPath}", Faq);
        temp.Write($"{folder}/{NewsPath}", News);
        return temp.Combine(folder);
    }
}
