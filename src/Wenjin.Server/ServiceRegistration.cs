using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Wenjin.Hosting;
using Wenjin.Hosting.Json;

namespace Wenjin.Server;

/// <summary>How the server's services are registered: one extension per concern, called from <see cref="WenjinServer"/>.</summary>
public static class ServiceRegistration
{
    /// <summary>
    /// The options and the one <see cref="KnowledgeBaseService"/> over the data directory (opened at first use).
    /// Endpoints receive <see cref="IKnowledgeBase"/>, registered by <see cref="Accounts.AccountRegistration"/>.
    /// </summary>
    public static void AddWenjinKnowledgeBase(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<ServerOptions>(options =>
        {
            builder.Configuration.GetSection(ServerOptions.Section).Bind(options);
            if (builder.Configuration[ServerOptions.Section + ":Data"] is null && Environment.GetEnvironmentVariable("WENJIN_DATA") is { Length: > 0 } data)
            {
                options.Data = data;
            }

            options.Data = Path.GetFullPath(options.Data, Environment.CurrentDirectory);
        });
        builder.Services.AddSingleton(services =>
        {
            var options = services.GetRequiredService<IOptions<ServerOptions>>().Value;
            return new FirstStart(!File.Exists(Path.Combine(options.Data, KnowledgeBaseService.DatabaseFileName)));
        });
        builder.Services.AddSingleton(services =>
        {
            // Whether this is the first start must be known before opening creates the database.
            _ = services.GetRequiredService<FirstStart>();
            var options = services.GetRequiredService<IOptions<ServerOptions>>().Value;
            var wenjin = WenjinConfiguration.Read(builder.Configuration, options.MaxFileBytes);
            return KnowledgeBaseService.Open(options.Data, wenjin, services.GetRequiredService<ILoggerFactory>());
        });
    }

    /// <summary>JSON as in the contracts, problem details for every error, OpenAPI, request limits, default URL.</summary>
    public static void AddWenjinHttp(this WebApplicationBuilder builder)
    {
        // Defaults below every configured source: ASP.NET Core's per-request logs only from Warning up.
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?> { ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning" },
        });

        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            var contract = WenjinJson.Options;
            json.SerializerOptions.PropertyNamingPolicy = contract.PropertyNamingPolicy;
            json.SerializerOptions.Encoder = contract.Encoder;
            foreach (var converter in contract.Converters)
            {
                json.SerializerOptions.Converters.Add(converter);
            }
        });
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<Errors.ProblemExceptionHandler>();
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Wenjin (问津) API";
            document.Info.Description = "Knowledge bases, documents, search, cited answers, conversations, structured records and briefs. Errors are RFC 9457 problem details.";
            return Task.CompletedTask;
        }));

        long maxRequest = builder.Configuration.GetValue<long?>(ServerOptions.Section + ":MaxUploadRequestBytes") ?? new ServerOptions().MaxUploadRequestBytes;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = maxRequest);
        builder.Services.Configure<FormOptions>(form => form.MultipartBodyLengthLimit = maxRequest);

        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(WenjinServer.DefaultUrl);
        }
    }
}
