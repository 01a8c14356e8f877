using Microsoft.Extensions.Options;
using Wenjin.Documents;
using Wenjin.Hosting;

namespace Wenjin.Server.Demo;

/// <summary>
/// On the first start with an empty data directory (and Wenjin:Demo not false), creates the knowledge base "demo" and
/// queues the sample documents bundled in this assembly (samples/ in the repository), so the UI shows a working
/// product at once. Never touches an existing data directory.
/// </summary>
internal sealed class DemoKnowledgeBaseSeeder : IHostedService
{
    public const string KnowledgeBaseName = "demo";

    private const string ResourcePrefix = "samples/";

    private readonly KnowledgeBaseService _knowledge;
    private readonly FirstStart _firstStart;
    private readonly ServerOptions _options;
    private readonly ILogger<DemoKnowledgeBaseSeeder> _logger;

    public DemoKnowledgeBaseSeeder(KnowledgeBaseService knowledge, FirstStart firstStart, IOptions<ServerOptions> options, ILogger<DemoKnowledgeBaseSeeder> logger)
    {
        _knowledge = knowledge;
        _firstStart = firstStart;
        _options = options.Value;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_options.Demo || !_firstStart.IsFirst)
        {
            return;
        }

        var samples = Samples();
        if (samples.Count == 0)
        {
            return;
        }

        await _knowledge.CreateAsync(KnowledgeBaseName, "示例知识库：智算中心报告、差旅制度、信息安全制度、客服质量报告和产品问答 (demo documents)", cancellationToken);
        await _knowledge.EnqueueAsync(KnowledgeBaseName, samples, cancellationToken);
        _logger.LogInformation("Created the demo knowledge base '{Name}' with {Count} sample documents", KnowledgeBaseName, samples.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The bundled sample documents (every file of samples/).</summary>
    private static List<DocumentSource> Samples()
    {
        var assembly = typeof(DemoKnowledgeBaseSeeder).Assembly;
        var sources = new List<DocumentSource>();
        foreach (string resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            string name = resource[ResourcePrefix.Length..];
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            sources.Add(new DocumentSource(name, name, buffer.ToArray()));
        }

        return sources;
    }
}
