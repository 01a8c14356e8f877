using Wenjin.Server.Accounts;
using Wenjin.Server.Apis;
using Wenjin.Server.Audit;
using Wenjin.Server.Demo;
using Wenjin.Server.Errors;
using Wenjin.Server.Ingestion;
using Wenjin.Server.Security;
using Wenjin.Server.Ui;

namespace Wenjin.Server;

/// <summary>
/// Builds the Wenjin web application: the HTTP API over the one <see cref="IKnowledgeBase"/> façade, the background
/// ingestion worker, the demo knowledge base on first start, the OpenAPI document and the embedded web UI. Used by
/// this project's Program and by <c>wenjin serve</c>; tests start it on 127.0.0.1 with port 0.
/// </summary>
public static class WenjinServer
{
    /// <summary>Where the server listens when no --urls / ASPNETCORE_URLS is given (loopback; set --urls to serve a network).</summary>
    public const string DefaultUrl = "http://127.0.0.1:5170";

    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.AddWenjinKnowledgeBase();
        builder.AddWenjinHttp();
        builder.AddWenjinAccounts();
        builder.AddWenjinRateLimits();
        builder.Services.AddHostedService<IngestionWorker>();
        builder.Services.AddHostedService<EmbeddingWorker>();
        builder.Services.AddHostedService<DemoKnowledgeBaseSeeder>();

        var app = builder.Build();
        app.UseRouting();
        app.UseWenjinAudit();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSecurityHeaders();
        app.UseWenjinAccounts();
        app.UseRateLimiter();
        app.MapWenjinOpenApi();
        app.MapAuthApi();
        app.MapUsersApi();
        app.MapGroupsApi();
        app.MapKeysApi();
        app.MapAuditApi();
        app.MapMembersApi();
        app.MapKnowledgeBasesApi();
        app.MapDocumentsApi();
        app.MapSearchApi();
        app.MapAskApi();
        app.MapConversationsApi();
        app.MapExtractionApi();
        app.MapWebUi();
        app.AnnounceUrls();
        return app;
    }
}
