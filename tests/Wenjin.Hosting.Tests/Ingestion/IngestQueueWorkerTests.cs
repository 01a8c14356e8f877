using System.Text;
using Wenjin.Answers;
using Wenjin.Documents;
using Wenjin.Errors;
using Wenjin.Ingestion;
using Wenjin.Parsing;
using Wenjin.Search;
using Wenjin.Storage;
using Wenjin.Storage.Sqlite;

namespace Wenjin.Hosting.Tests.Ingestion;

/// <summary>
/// Background ingestion through the façade: <see cref="KnowledgeBaseService.EnqueueAsync"/> queues durably, and
/// <see cref="KnowledgeBaseService.RunIngestQueueAsync"/> drains the queue until cancelled. Tests wait by polling the
/// document list with a generous deadline; they never assert how long anything took.
/// </summary>
public sealed class IngestQueueWorkerTests
{
    private const string Kb = "kb";

    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task QueuedFiles_AreIndexedOrFailed_AndLeaveTheQueue()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        using var service = KnowledgeBaseService.Open(temp.Combine("data"));

        var queued = await service.EnqueueAsync(Kb, [Upload("travel.md", Corpus.Policy), Upload("annual.txt", Corpus.Report), Upload("faq.html", Corpus.Faq), Upload("broken.pdf", "这不是一个PDF文件")], ct);
        var documents = await RunUntilSettledAsync(service, Kb, queued.Count, ct);

        Assert.Equal(queued.Select(q => q.Id).Order(StringComparer.Ordinal), documents.Select(d => d.Id).Order(StringComparer.Ordinal));
        Assert.Equal(["annual.txt", "faq.html", "travel.md"], documents.Where(d => d.Status == DocumentStatus.Indexed).Select(d => d.SourceId).Order(StringComparer.Ordinal));
        Assert.All(documents.Where(d => d.Status == DocumentStatus.Indexed), d => Assert.True(d.Chunks > 0));
        var broken = Assert.Single(documents, d => d.Status == DocumentStatus.Failed);
        Assert.Equal("broken.pdf", broken.SourceId);
        Assert.False(string.IsNullOrWhiteSpace(broken.Error));
        Assert.Equal("parse", broken.ErrorStage);
        Assert.Empty(QueueJobs(temp, Kb));
        var hit = (await service.SearchAsync(Kb, new SearchRequest("千卡并行 有效算力") { Top = 1 }, ct)).Hits[0];
        Assert.Equal("annual.txt", hit.SourceId);
    }

    [Fact]
    public async Task StatusUrl_ShowsQueuedBeforeTheWorkerRuns_ThenIndexed()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        using var service = KnowledgeBaseService.Open(temp.Combine("data"));
        byte[] content = Encoding.UTF8.GetBytes(Corpus.Report);

        var queued = Assert.Single(await service.EnqueueAsync(Kb, [new DocumentSource("reports/annual.txt", "annual.txt", content)], ct));
        var waiting = await service.GetDocumentAsync(Kb, queued.Id, ct);
        var listed = Assert.Single(await service.ListDocumentsAsync(Kb, ct));
        var noContent = await Assert.ThrowsAsync<WenjinException>(() => service.GetDocumentContentAsync(Kb, queued.Id, ct));
        await RunUntilSettledAsync(service, Kb, 1, ct);
        var done = await service.GetDocumentAsync(Kb, queued.Id, ct);

        Assert.Equal("reports/annual.txt", queued.SourceId);
        Assert.Equal("annual.txt", queued.FileName);
        Assert.Equal(DocumentStatus.Queued, waiting.Status);
        Assert.Equal("reports/annual.txt", waiting.SourceId);
        Assert.Equal(content.LongLength, waiting.Bytes);
        Assert.Equal("txt", waiting.Format);
        Assert.Equal(waiting, listed);
        Assert.Equal(WenjinErrorKind.NotFound, noContent.Kind);
        Assert.Equal(DocumentStatus.Indexed, done.Status);
        Assert.Equal(queued.Id, done.Id);
        Assert.True(done.Chunks > 0);
    }

    [Fact]
    public async Task AcknowledgedUpload_SurvivesARestartBeforeItWasIngested()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        QueuedDocument queued;
        using (var first = KnowledgeBaseService.Open(temp.Combine("data")))
        {
            queued = Assert.Single(await first.EnqueueAsync(Kb, [Upload("faq.html", Corpus.Faq)], ct));
        }

        using var second = KnowledgeBaseService.Open(temp.Combine("data"));
        var afterRestart = await second.GetDocumentAsync(Kb, queued.Id, ct);
        var documents = await RunUntilSettledAsync(second, Kb, 1, ct);

        Assert.Equal(DocumentStatus.Queued, afterRestart.Status);
        Assert.Equal(DocumentStatus.Indexed, Assert.Single(documents).Status);
        var hit = Assert.Single((await second.SearchAsync(Kb, new SearchRequest("邮箱密码重置") { Top = 1 }, ct)).Hits);
        Assert.Equal(queued.Id, hit.DocId);
    }

    [Fact]
    public async Task JobInterruptedByACrash_IsIngestedAfterTheRestart()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        QueuedDocument queued;
        using (var first = KnowledgeBaseService.Open(temp.Combine("data")))
        {
            queued = Assert.Single(await first.EnqueueAsync(Kb, [Upload("faq.html", Corpus.Faq)], ct));
            TakeAsACrashedWorker(temp, 1);
        }

        using var second = KnowledgeBaseService.Open(temp.Combine("data"));
        var interrupted = await second.GetDocumentAsync(Kb, queued.Id, ct);
        var documents = await RunUntilSettledAsync(second, Kb, 1, ct);

        Assert.Equal(DocumentStatus.Parsing, interrupted.Status);
        Assert.Equal(DocumentStatus.Indexed, Assert.Single(documents).Status);
        Assert.Empty(QueueJobs(temp, Kb));
    }

    [Fact]
    public async Task Restart_WithAnInterruptedVersionAndANewerUpload_IndexesTheNewerVersion()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        QueuedDocument queued;
        using (var first = KnowledgeBaseService.Open(temp.Combine("data")))
        {
            await first.EnqueueAsync(Kb, [Upload("notes.txt", "第一版：会议定于周一上午召开。")], ct);
            TakeAsACrashedWorker(temp, 1);
            queued = Assert.Single(await first.EnqueueAsync(Kb, [Upload("notes.txt", "第二版：会议改在周三下午召开。")], ct));
        }

        using var second = KnowledgeBaseService.Open(temp.Combine("data"));
        var documents = await RunUntilSettledAsync(second, Kb, 1, ct);

        Assert.Equal(DocumentStatus.Indexed, Assert.Single(documents).Status);
        var content = await second.GetDocumentContentAsync(Kb, queued.Id, ct);
        Assert.Contains("第二版", content.Text, StringComparison.Ordinal);
        Assert.Empty(QueueJobs(temp, Kb));
    }

    [Fact]
    public async Task NewVersionOfAnIndexedDocument_ShowsQueuedThenReplacesIt()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        using var service = KnowledgeBaseService.Open(temp.Combine("data"));
        var queued = Assert.Single(await service.EnqueueAsync(Kb, [Upload("notes.txt", "旧版本：项目代号为青鸾，年度预算另行通知。")], ct));
        await RunUntilSettledAsync(service, Kb, 1, ct);
        var indexed = await service.GetDocumentAsync(Kb, queued.Id, ct);

        await service.EnqueueAsync(Kb, [Upload("notes.txt", "新版本：项目代号改为玄武，年度预算为五百万元。")], ct);
        var waiting = await service.GetDocumentAsync(Kb, queued.Id, ct);
        await RunUntilSettledAsync(service, Kb, 1, ct);
        var content = await service.GetDocumentContentAsync(Kb, queued.Id, ct);

        Assert.Equal(DocumentStatus.Indexed, indexed.Status);
        Assert.Equal(DocumentStatus.Queued, waiting.Status);
        Assert.Equal(indexed.Chunks, waiting.Chunks);
        Assert.StartsWith("新版本", content.Text, StringComparison.Ordinal);
        Assert.Equal(DocumentStatus.Indexed, content.Document.Status);
        Assert.Empty((await service.SearchAsync(Kb, new SearchRequest("青鸾"), ct)).Hits);
    }

    [Fact]
    public async Task JsonlUpload_IndexesEachRecord_AndSaysItHasNoDocumentOfItsOwn()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        using var service = KnowledgeBaseService.Open(temp.Combine("data"));

        var queued = Assert.Single(await service.EnqueueAsync(Kb, [Upload("news.jsonl", Corpus.News)], ct));
        Assert.True(queued.ExpandsToRecords);
        var documents = await RunUntilSettledAsync(service, Kb, 2, ct);

        Assert.Equal(["news-001", "news-002"], documents.Select(d => d.SourceId).Order(StringComparer.Ordinal));
        Assert.All(documents, d => Assert.Equal(DocumentStatus.Indexed, d.Status));
    }

    [Fact]
    public async Task A_plain_file_does_not_expand_to_records()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        using var service = KnowledgeBaseService.Open(temp.Combine("data"));

        var queued = Assert.Single(await service.EnqueueAsync(Kb, [Upload("good.md", "# 标题\n\n正文内容。")], ct));
        Assert.False(queued.ExpandsToRecords);
    }

    [Theory]
    [InlineData("setup.exe")]
    [InlineData("README")]
    [InlineData("slides.pptx")]
    public async Task Enqueue_OfAnUnsupportedType_IsRejectedAndQueuesNothingFromThatCall(string fileName)
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        using var service = KnowledgeBaseService.Open(temp.Combine("data"));
        await service.CreateAsync(Kb, null, ct);

        var error = await Assert.ThrowsAsync<WenjinException>(() => service.EnqueueAsync(Kb, [Upload("good.md", "# 标题\n\n正文内容。"), Upload(fileName, "内容")], ct));

        Assert.Equal(WenjinErrorKind.UnsupportedFormat, error.Kind);
        Assert.Contains(fileName, error.Message, StringComparison.Ordinal);
        Assert.Empty(await service.ListDocumentsAsync(Kb, ct));
        Assert.Empty(QueueJobs(temp, Kb));
    }

    [Fact]
    public async Task Enqueue_OfAFileOverTheLimit_IsTooLargeAndQueuesNothingFromThatCall()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        using var service = KnowledgeBaseService.Open(temp.Combine("data"), new WenjinOptions { MaxFileBytes = 200 });
        await service.CreateAsync(Kb, null, ct);

        var error = await Assert.ThrowsAsync<WenjinException>(() => service.EnqueueAsync(Kb, [Upload("small.txt", "小文件。"), Upload("big.txt", new string('长', 100))], ct));
        var atTheLimit = await service.EnqueueAsync(Kb, [new DocumentSource("exact.txt", "exact.txt", new byte[200])], ct);

        Assert.Equal(WenjinErrorKind.TooLarge, error.Kind);
        Assert.Contains("big.txt", error.Message, StringComparison.Ordinal);
        Assert.Equal(["exact.txt"], (await service.ListDocumentsAsync(Kb, ct)).Select(d => d.SourceId));
        Assert.Single(atTheLimit);
    }

    [Fact]
    public async Task Enqueue_OfNothing_IsInvalidInput()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        using var service = KnowledgeBaseService.Open(temp.Combine("data"));

        var error = await Assert.ThrowsAsync<WenjinException>(() => service.EnqueueAsync(Kb, [], ct));

        Assert.Equal(WenjinErrorKind.InvalidInput, error.Kind);
    }

    [Fact]
    public async Task DeletingAQueuedDocument_RemovesItFromTheQueue()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        using var service = KnowledgeBaseService.Open(temp.Combine("data"));
        var gone = Assert.Single(await service.EnqueueAsync(Kb, [Upload("gone.txt", "撤回的文件：机密草稿内容。")], ct));

        await service.DeleteDocumentAsync(Kb, gone.Id, ct);
        var lookup = await Assert.ThrowsAsync<WenjinException>(() => service.GetDocumentAsync(Kb, gone.Id, ct));
        var again = await Assert.ThrowsAsync<WenjinException>(() => service.DeleteDocumentAsync(Kb, gone.Id, ct));
        // The worker takes the oldest job first: once the later upload is done, the deleted one would have been too.
        await service.EnqueueAsync(Kb, [Upload("kept.txt", "保留的文件：正式发布内容。")], ct);
        var documents = await RunUntilSettledAsync(service, Kb, 1, ct);

        Assert.Equal(WenjinErrorKind.NotFound, lookup.Kind);
        Assert.Equal(WenjinErrorKind.NotFound, again.Kind);
        Assert.Equal(["kept.txt"], documents.Select(d => d.SourceId));
        Assert.Empty((await service.SearchAsync(Kb, new SearchRequest("机密草稿"), ct)).Hits);
    }

    [Fact]
    public async Task DocumentContent_ChunkSpansAndCitationsPointIntoItsText()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        using var service = KnowledgeBaseService.Open(temp.Combine("data"));
        var queued = await service.EnqueueAsync(Kb, [Upload("travel.md", Corpus.Policy), Upload("annual.txt", Corpus.Report), Upload("faq.html", Corpus.Faq)], ct);
        await RunUntilSettledAsync(service, Kb, queued.Count, ct);

        foreach (var document in queued)
        {
            var content = await service.GetDocumentContentAsync(Kb, document.Id, ct);
            var hits = (await service.SearchAsync(Kb, new SearchRequest(content.Document.Title ?? document.SourceId) { Top = 100 }, ct)).Hits
                .Where(h => h.DocId == document.Id)
                .ToArray();

            Assert.Equal(document.Id, content.Document.Id);
            Assert.Equal(content.Document.Characters, content.Text.Length);
            Assert.Equal(content.Document.Chunks, content.Chunks.Count);
            Assert.Equal(Enumerable.Range(0, content.Chunks.Count), content.Chunks.Select(c => c.Ordinal));
            Assert.All(content.Chunks, c => Assert.True(c.Start >= 0 && c.Start < c.End && c.End <= content.Text.Length, $"chunk {c.Id} [{c.Start}, {c.End})"));
            Assert.Empty(content.PageStarts);
            Assert.NotEmpty(hits);
            foreach (var hit in hits)
            {
                var chunk = Assert.Single(content.Chunks, c => c.Id == hit.ChunkId);
                Assert.Equal((hit.Start, hit.End), (chunk.Start, chunk.End));
                Assert.Equal(hit.Text, content.Text[chunk.Start..chunk.End]);
                Assert.Equal(hit.HeadingPath, chunk.HeadingPath);
            }
        }

        foreach (string question in new[] { "千卡并行的有效算力达到多少？", "在其他省会城市出差每晚住宿费不超过多少？", "忘记邮箱密码怎么办？", "住宿标准有哪些？" })
        {
            var answer = await service.AskAsync(Kb, question, ct);
            Assert.False(answer.Refused, question);
            foreach (var citation in answer.Citations)
            {
                var content = await service.GetDocumentContentAsync(Kb, citation.DocId, ct);
                Assert.Equal(citation.Quote, content.Text[citation.Start..citation.End]);
            }
        }
    }

    [Fact]
    public async Task DocumentContent_OfAFailedDocument_IsNotFound()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        using var service = KnowledgeBaseService.Open(temp.Combine("data"));
        var queued = Assert.Single(await service.EnqueueAsync(Kb, [Upload("broken.docx", "不是一个 docx 压缩包")], ct));
        var documents = await RunUntilSettledAsync(service, Kb, 1, ct);

        var error = await Assert.ThrowsAsync<WenjinException>(() => service.GetDocumentContentAsync(Kb, queued.Id, ct));

        Assert.Equal(DocumentStatus.Failed, Assert.Single(documents).Status);
        Assert.Equal(WenjinErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task PdfContent_PageStartsAreThePagesOfItsChunksAndCitations()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        using var service = KnowledgeBaseService.Open(temp.Combine("data"));
        byte[] pdf = File.ReadAllBytes(Path.Combine(RepositoryRoot(), "tests", "Wenjin.Parsing.Tests", "Fixtures", "report-zh.pdf"));
        var parsed = new ParserRegistry().Parse(new DocumentSource("report-zh.pdf", "report-zh.pdf", pdf));
        var queued = Assert.Single(await service.EnqueueAsync(Kb, [new DocumentSource("report-zh.pdf", "report-zh.pdf", pdf)], ct));
        await RunUntilSettledAsync(service, Kb, 1, ct);

        var content = await service.GetDocumentContentAsync(Kb, queued.Id, ct);
        var citations = new List<Citation>();
        foreach (string question in new[] { "千卡并行的有效算力达到多少？", "普惠金融贷款平均审批时间缩短到多少？", "客户满意度提升至多少？", "2025年本行将重点建设什么？" })
        {
            citations.AddRange((await service.AskAsync(Kb, question, ct)).Citations);
        }

        Assert.Equal(2, content.Document.Pages);
        Assert.Equal(parsed.Text, content.Text);
        Assert.Equal(parsed.PageStarts, content.PageStarts);
        Assert.Equal(content.Document.Pages, content.PageStarts.Count);
        Assert.Equal(0, content.PageStarts[0]);
        Assert.Equal(content.PageStarts.Order(), content.PageStarts);
        Assert.All(content.Chunks, c => Assert.Equal(PageOf(content.PageStarts, c.Start), c.Page));
        Assert.All(content.Chunks.SelectMany(c => c.PageBreaks), b => Assert.Contains(b, content.PageStarts));
        Assert.NotEmpty(citations);
        Assert.All(citations, c =>
        {
            Assert.Equal(c.Quote, content.Text[c.Start..c.End]);
            Assert.Equal(PageOf(content.PageStarts, c.Start), c.Page);
        });
        Assert.Equal([1, 2], citations.Select(c => c.Page ?? 0).Distinct().Order());
    }

    /// <summary>Runs the worker until <paramref name="expected"/> documents are listed and none is still in the queue.</summary>
    private static async Task<IReadOnlyList<DocumentInfo>> RunUntilSettledAsync(KnowledgeBaseService service, string kb, int expected, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task worker = service.RunIngestQueueAsync(stop.Token);
        try
        {
            var deadline = DateTime.UtcNow + Deadline;
            while (true)
            {
                if (worker.IsCompleted)
                {
                    await worker;
                    Assert.Fail("The ingestion worker stopped before the queue was drained.");
                }

                var documents = await service.ListDocumentsAsync(kb, cancellationToken);
                if (documents.Count >= expected && documents.All(d => d.Status is DocumentStatus.Indexed or DocumentStatus.Failed))
                {
                    return documents;
                }

                Assert.True(DateTime.UtcNow < deadline, $"The queue was not drained in {Deadline}: {string.Join(", ", documents.Select(d => $"{d.SourceId}={d.Status}"))}");
                await Task.Delay(20, cancellationToken);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await worker;
        }
    }

    /// <summary>Takes jobs the way a worker does and leaves them "in progress", as a process that crashed would.</summary>
    private static void TakeAsACrashedWorker(TempDirectory temp, int count)
    {
        using var store = SqliteKnowledgeStore.Open(temp.Combine("data", KnowledgeBaseService.DatabaseFileName));
        using var queue = SqliteIngestQueue.Open(store);
        Assert.Equal(count, queue.Take(count).Count);
    }

    /// <summary>The jobs still in the queue, read through a second store on the same database file.</summary>
    private static IReadOnlyList<IngestJob> QueueJobs(TempDirectory temp, string kb)
    {
        using var store = SqliteKnowledgeStore.Open(temp.Combine("data", KnowledgeBaseService.DatabaseFileName));
        using var queue = SqliteIngestQueue.Open(store);
        return queue.List(kb);
    }

    private static DocumentSource Upload(string fileName, string text) => new(fileName, fileName, Encoding.UTF8.GetBytes(text));

    private static int? PageOf(IReadOnlyList<int> pageStarts, int offset)
    {
        int page = 0;
        while (page < pageStarts.Count && pageStarts[page] <= offset)
        {
            page++;
        }

        return page;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Wenjin.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Wenjin.slnx above {AppContext.BaseDirectory}.");
    }
}
