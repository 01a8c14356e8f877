using System.Text.Json;
using Wenjin.Hosting.Json;
using Wenjin.Search;

namespace Wenjin.Hosting.Tests;

public sealed class ExploreTests
{
    [Fact]
    public async Task Dump()
    {
        var ct = TestContext.Current.CancellationToken;
        using var kb = await TestKnowledgeBase.CreateAsync(ct);
        var sb = new System.Text.StringBuilder();
        foreach (var d in await kb.Service.ListDocumentsAsync(TestKnowledgeBase.Name, ct))
        {
            sb.AppendLine(JsonSerializer.Serialize(d, WenjinJson.Options));
        }

        foreach (string q in new[] { "千卡并行的有效算力达到多少？", "智算中心何时正式投入运行？", "在北京出差每晚住宿费不超过多少钱？", "公司食堂几点开门？", "公司年假可以休几天？", "訂閱行業資訊", "报销申请提交期限", "智算中心部署了多少张加速卡？", "地铁5号线南延段哪年开通？" })
        {
            sb.AppendLine(JsonSerializer.Serialize(await kb.Service.SearchAsync(TestKnowledgeBase.Name, new SearchRequest(q) { Top = 3 }, ct), WenjinJson.Options));
            sb.AppendLine(JsonSerializer.Serialize(await kb.Service.AskAsync(TestKnowledgeBase.Name, q, ct), WenjinJson.Options));
        }

        File.WriteAllText("/tmp/explore.txt", sb.ToString());
    }
}
