namespace Wenjin.Text.Tests.Extraction;

/// <summary>Realistic inputs shared by the extraction tests: PDF-converted Chinese with hard line breaks, full-width characters and English.</summary>
internal static class ExtractionSamples
{
    /// <summary>
    /// A case report converted from PDF: a title, a byline, numbered headings, paragraphs hard-wrapped in the middle of
    /// words and numbers, full-width digits and letters, an English paragraph, a table row and a link line.
    /// </summary>
    public const string CaseReport = """
        某城市商业银行智能客服系统建设案例

        发布时间：2024年5月20日　来源：新华网

        一、项目背景
        随着业务规模扩大，该行客服中心每天需要处理超过３万通来电，人工坐席压力持续增大。2023年
        10月，该行启动智能客服系统建设，项目由北京智源科技有限公司承建，与清华大学计算机系合作研
        发，总投资１２３．４５万元，其中3,500万元为省级专项补贴。
        二、建设成效
        （一）服务效率
        系统上线后，客服响应时间缩短 45%，问题解决率达到97.6%，每年节省人力成本约 1200 万元。千卡并
        行的有效算力达
        到 92%，模型训练时长由 3 天缩短至 4 小时，ＧＰＵ利用率提升 ９.２７％。
        （二）覆盖范围
        智能客服已覆盖 200 余家网点，服务广东省、深圳市和广州的客户，并在北京、上海设立运维团队。
        The project was delivered by Zhipu AI Inc. together with Huawei Technologies Co., Ltd. in Beijing.
        | 指标 | 上线前 | 上线后 |
        | 响应时间 | 120秒 | 66秒 |
        三、下一步计划
        该行计划于2024年12月底前将智能客服推广至营销、风控等场景，预计再节约成本百分之三十。
        原文链接：https://www.example.com/news/2024/0520.html
        责任编辑：王芳
        """;
}
