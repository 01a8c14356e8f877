using System.Net.Http.Json;
using System.Text.Json;
using Wenjin.Documents;
using Wenjin.Hosting;

namespace Wenjin.Server.Tests.Hosting;

public sealed class StartupTests
{
    [Fact]
    public async Task First_start_creates_the_demo_knowledge_base_from_every_sample_format()
    {
        await using var server = await TestServer.StartAsync(demo: true);
        var kbs = await server.Client.GetFromJsonAsync<JsonElement[]>("/api/kbs");
        Assert.Equal("demo", Assert.Single(kbs!).GetProperty("name").GetString());

        int samples = Directory.GetFiles(TestData.Samples).Length;
        Assert.Equal(["docx", "html", "md", "pdf", "txt"], Directory.GetFiles(TestData.Samples).Select(f => Path.GetExtension(f).TrimStart('.')).Order(StringComparer.Ordinal));
        var documents = await server.WaitForDocumentsAsync("demo", samples);
        Assert.Equal(samples, documents.Length);
        Assert.All(documents, d => Assert.True(d.GetProperty("status").GetString() == "indexed", d.GetRawText()));

        var answer = await (await server.Client.PostAsJsonAsync("/api/kbs/demo/ask", new { question = "千卡并行的有效算力达到多少？" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(answer.GetProperty("refused").GetBoolean());
    }

    [Fact]
    public async Task The_demo_is_not_recreated_on_a_data_directory_that_was_used_before()
    {
        string data = Path.Combine(Path.GetTempPath(), "wenjin-server-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var first = await TestServer.StartAsync(data, demo: true))
            {
                Assert.Equal(System.Net.HttpStatusCode.NoContent, (await first.Client.DeleteAsync("/api/kbs/demo")).StatusCode);
            }

            await using var second = await TestServer.StartAsync(data, demo: true);
            Assert.Empty((await second.Client.GetFromJsonAsync<JsonElement[]>("/api/kbs"))!);
        }
        finally
        {
            TestData.DeleteDirectory(data);
        }
    }

    [Fact]
    public async Task Documents_queued_before_a_restart_are_ingested_after_it()
    {
        string data = Path.Combine(Path.GetTempPath(), "wenjin-server-" + Guid.NewGuid().ToString("N"));
        try
        {
            // Queued but never processed: the process "stopped" before its worker ran.
            using (var service = KnowledgeBaseService.Open(data))
            {
                await service.EnqueueAsync("reports", [new DocumentSource(TestData.ReportName, TestData.ReportName, TestData.Report)]);
                Assert.Equal(Wenjin.Storage.DocumentStatus.Queued, Assert.Single(await service.ListDocumentsAsync("reports")).Status);
            }

            await using var server = await TestServer.StartAsync(data);
            var document = Assert.Single(await server.WaitForDocumentsAsync("reports", 1));
            Assert.Equal("indexed", document.GetProperty("status").GetString());
        }
        finally
        {
            TestData.DeleteDirectory(data);
        }
    }
}
