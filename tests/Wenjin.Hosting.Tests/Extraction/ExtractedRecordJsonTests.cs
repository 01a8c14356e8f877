using System.Text.Json;
using Wenjin.Extraction;
using Wenjin.Hosting.Json;

namespace Wenjin.Hosting.Tests.Extraction;

public sealed class ExtractedRecordJsonTests
{
    [Fact]
    public void ExtractedRecord_IsWrittenInTheContractShape()
    {
        var fields = new OrderedDictionary<string, FieldValue>
        {
            ["总结"] = new(JsonSerializer.SerializeToElement("江城银行上线大模型智能客服助手。"), [new Evidence("江城银行股份有限公司宣布上线“小江”。", 1, 10, 28)]),
            ["行业"] = new(JsonSerializer.SerializeToElement(new[] { "金融", "医疗健康" }), [new Evidence("银行", null, 2, 4), new Evidence("医院", null, 40, 42)]),
            ["中标金额"] = new(JsonSerializer.SerializeToElement(1234500m), [new Evidence("123.45万元", null, 50, 58)]),
        };
        var record = new ExtractedRecord(
            "news-brief",
            "doc-1",
            "nb01.txt",
            fields,
            [new DroppedValue("关键词[2]", "区块链", DropReasons.NotInDocument, "\"区块链\" does not occur in the document")],
            ["链接"]);

        string json = JsonSerializer.Serialize(record, WenjinJson.Options);

        Assert.Equal(
            """{"schema":"news-brief","docId":"doc-1","sourceId":"nb01.txt","fields":{"总结":{"value":"江城银行上线大模型智能客服助手。","evidence":[{"quote":"江城银行股份有限公司宣布上线“小江”。","page":1,"start":10,"end":28}]},"行业":{"value":["金融","医疗健康"],"evidence":[{"quote":"银行","page":null,"start":2,"end":4},{"quote":"医院","page":null,"start":40,"end":42}]},"中标金额":{"value":1234500,"evidence":[{"quote":"123.45万元","page":null,"start":50,"end":58}]}},"dropped":[{"field":"关键词[2]","value":"区块链","reason":"not-in-document","detail":"\"区块链\" does not occur in the document"}],"missing":["链接"]}""",
            json);
    }

    [Fact]
    public void ExtractedRecord_ReadsBack()
    {
        var record = new ExtractedRecord("bid-award", "d", "s", new OrderedDictionary<string, FieldValue> { ["中标金额"] = new(JsonSerializer.SerializeToElement(986000), [new Evidence("98.60万元", 2, 5, 12)]) }, [], []);

        var read = JsonSerializer.Deserialize<ExtractedRecord>(JsonSerializer.Serialize(record, WenjinJson.Options), WenjinJson.Options)!;

        Assert.Equal(986000, read.Fields["中标金额"].Value.GetInt32());
        Assert.Equal(new Evidence("98.60万元", 2, 5, 12), Assert.Single(read.Fields["中标金额"].Evidence));
    }
}
