using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Wenjin.Server.Tests.Apis;

public sealed class AskApiTests
{
    [Fact]
    public async Task Answer_cites_verbatim_spans_of_the_document_text()
    {
        await using var server = await StartWithDocumentsAsync();
        var answer = await AskAsync(server, "千卡并行的有效算力达到多少？");
        Assert.False(answer.GetProperty("refused").GetBoolean());
        Assert.Contains("92%", answer.GetProperty("answer").GetString(), StringComparison.Ordinal);
        Assert.Contains("[1]", answer.GetProperty("answer").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(answer.GetProperty("conversationId").GetString()));

        var citation = answer.GetProperty("citations")[0];
        Assert.Equal(1, citation.GetProperty("index").GetInt32());
        string docId = citation.GetProperty("docId").GetString()!;
        var content = await server.Client.GetFromJsonAsync<JsonElement>($"/api/kbs/reports/documents/{docId}/content");
        string text = content.GetProperty("text").GetString()!;
        Assert.Equal(citation.GetProperty("quote").GetString(), text[citation.GetProperty("start").GetInt32()..citation.GetProperty("end").GetInt32()]);
    }

    [Fact]
    public async Task A_question_the_documents_cannot_answer_is_refused_with_the_closest_passages()
    {
        await using var server = await StartWithDocumentsAsync();
        var answer = await AskAsync(server, "公司食堂几点开门？");
        Assert.True(answer.GetProperty("refused").GetBoolean());
        Assert.Contains("没有找到", answer.GetProperty("answer").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("[1]", answer.GetProperty("answer").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Event_stream_sends_meta_deltas_citations_and_done()
    {
        await using var server = await StartWithDocumentsAsync();
        var events = await StreamAsync(server, "reports", "一线城市住宿费标准是多少？");

        Assert.Equal("meta", events[0].Event);
        Assert.Equal("done", events[^1].Event);
        Assert.Equal("citations", events[^2].Event);
        var deltas = events.Where(e => e.Event == "delta").ToArray();
        Assert.NotEmpty(deltas);
        Assert.Equal(events.Count, deltas.Length + 3);

        var done = events[^1].Data;
        string streamed = string.Concat(deltas.Select(d => d.Data.GetProperty("text").GetString()));
        Assert.Equal(done.GetProperty("answer").GetString(), streamed);
        Assert.Contains("600元", streamed, StringComparison.Ordinal);
        Assert.Equal(events[0].Data.GetProperty("conversationId").GetString(), done.GetProperty("conversationId").GetString());
        Assert.Equal(done.GetProperty("citations").GetRawText(), events[^2].Data.GetProperty("citations").GetRawText());
    }

    [Fact]
    public async Task Event_stream_request_that_fails_before_streaming_is_a_problem()
    {
        await using var server = await TestServer.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/kbs/nope/ask") { Content = JsonContent.Create(new { question = "x" }) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        await ProblemAssert.IsProblemAsync(await server.Client.SendAsync(request), HttpStatusCode.NotFound, "notFound");
    }

    [Fact]
    public async Task A_follow_up_is_resolved_against_the_previous_turn_and_the_history_is_stored()
    {
        await using var server = await StartWithDocumentsAsync();
        var first = await AskAsync(server, "数据中心年均PUE是多少？");
        string conversation = first.GetProperty("conversationId").GetString()!;
        Assert.Contains("1.25", first.GetProperty("answer").GetString(), StringComparison.Ordinal);

        var followUp = await AskAsync(server, "那可再生能源占比呢？", conversation);
        Assert.Equal(conversation, followUp.GetProperty("conversationId").GetString());
        Assert.NotEqual("那可再生能源占比呢？", followUp.GetProperty("resolvedQuestion").GetString());
        Assert.Contains("38%", followUp.GetProperty("answer").GetString(), StringComparison.Ordinal);

        var list = await server.Client.GetFromJsonAsync<JsonElement[]>("/api/kbs/reports/conversations");
        var summary = Assert.Single(list!);
        Assert.Equal(2, summary.GetProperty("turnCount").GetInt32());
        Assert.Equal("数据中心年均PUE是多少？", summary.GetProperty("title").GetString());

        var stored = await server.Client.GetFromJsonAsync<JsonElement>($"/api/kbs/reports/conversations/{conversation}");
        var turns = stored.GetProperty("turns").EnumerateArray().ToArray();
        Assert.Equal(["数据中心年均PUE是多少？", "那可再生能源占比呢？"], turns.Select(t => t.GetProperty("question").GetString()));
        Assert.Equal(followUp.GetProperty("resolvedQuestion").GetString(), turns[1].GetProperty("resolvedQuestion").GetString());
        Assert.Equal(followUp.GetProperty("citations").GetRawText(), turns[1].GetProperty("citations").GetRawText());

        Assert.Equal(HttpStatusCode.NoContent, (await server.Client.DeleteAsync($"/api/kbs/reports/conversations/{conversation}")).StatusCode);
        await ProblemAssert.IsProblemAsync(await server.Client.GetAsync($"/api/kbs/reports/conversations/{conversation}"), HttpStatusCode.NotFound, "notFound");
        await ProblemAssert.IsProblemAsync(await server.Client.PostAsJsonAsync("/api/kbs/reports/ask", new { question = "PUE？", conversationId = conversation }), HttpStatusCode.NotFound, "notFound");
    }

    [Fact]
    public async Task Bad_questions_are_problem_details()
    {
        await using var server = await StartWithDocumentsAsync();
        await ProblemAssert.IsProblemAsync(await server.Client.PostAsJsonAsync("/api/kbs/reports/ask", new { question = "" }), HttpStatusCode.BadRequest, "invalidInput");
        await ProblemAssert.IsProblemAsync(await server.Client.PostAsJsonAsync("/api/kbs/nope/ask", new { question = "PUE？" }), HttpStatusCode.NotFound, "notFound");
        await ProblemAssert.IsProblemAsync(await server.Client.GetAsync("/api/kbs/nope/conversations"), HttpStatusCode.NotFound, "notFound");
    }

    private static async Task<TestServer> StartWithDocumentsAsync()
    {
        var server = await TestServer.StartAsync();
        await server.UploadAsync("reports", (TestData.ReportName, TestData.Report), (TestData.PolicyName, TestData.Policy));
        await server.WaitForDocumentsAsync("reports", 2);
        return server;
    }

    private static async Task<JsonElement> AskAsync(TestServer server, string question, string? conversationId = null)
    {
        var response = await server.Client.PostAsJsonAsync("/api/kbs/reports/ask", new { question, conversationId });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Reads a whole Server-Sent Events response into (event, data) pairs.</summary>
    internal static async Task<List<(string Event, JsonElement Data)>> StreamAsync(TestServer server, string kb, string question)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/kbs/{kb}/ask") { Content = JsonContent.Create(new { question }) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);

        var events = new List<(string, JsonElement)>();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(), Encoding.UTF8);
        string? name = null;
        var data = new StringBuilder();
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length == 0)
            {
                if (name is not null)
                {
                    events.Add((name, JsonDocument.Parse(data.ToString()).RootElement.Clone()));
                }

                name = null;
                data.Clear();
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data.Append(line["data: ".Length..]);
            }
        }

        return events;
    }
}
