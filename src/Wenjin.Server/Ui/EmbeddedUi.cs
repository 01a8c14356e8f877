using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace Wenjin.Server.Ui;

/// <summary>
/// The web UI's files, embedded in this assembly at build time (ClientApp/dist → resources "ui/…"), served from memory
/// with a content hash as ETag. Embedding keeps the UI with the code that serves it: `wenjin serve`, `dotnet run` and
/// the tests serve the same files whatever the working directory.
/// </summary>
public static class EmbeddedUi
{
    private const string ResourcePrefix = "ui/";

    private static readonly Lazy<FrozenDictionary<string, UiFile>> Files = new(Load);

    public static void MapWebUi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (HttpContext context) => Serve(context, "index.html")).ExcludeFromDescription().AllowAnonymous();
        app.MapGet("/{*path}", (HttpContext context, string path) => Serve(context, path)).ExcludeFromDescription().AllowAnonymous();
    }

    /// <summary>Paths of the embedded files ("index.html", "js/main.js"), for diagnostics and tests.</summary>
    public static IReadOnlyCollection<string> Paths => Files.Value.Keys;

    private static IResult Serve(HttpContext context, string path)
    {
        if (path.StartsWith("api/", StringComparison.Ordinal) || !Files.Value.TryGetValue(path, out var file))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"There is nothing at /{path}.");
        }

        var headers = context.Response.GetTypedHeaders();
        headers.ETag = file.ETag;
        headers.CacheControl = new CacheControlHeaderValue { NoCache = true };
        var ifNoneMatch = context.Request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Any(tag => tag.Compare(file.ETag, useStrongComparison: false)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Bytes(file.Content, file.ContentType);
    }

    private static FrozenDictionary<string, UiFile> Load()
    {
        var assembly = typeof(EmbeddedUi).Assembly;
        var types = new FileExtensionContentTypeProvider();
        var files = new Dictionary<string, UiFile>(StringComparer.Ordinal);
        foreach (string resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            string path = resource[ResourcePrefix.Length..].Replace('\\', '/');
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            byte[] content = buffer.ToArray();
            string type = types.TryGetContentType(path, out string? known) ? known : "application/octet-stream";
            if (type.StartsWith("text/", StringComparison.Ordinal) || type is "application/javascript" or "text/javascript" or "application/json" or "image/svg+xml")
            {
                type += "; charset=utf-8";
            }

            string tag = "\"" + Convert.ToHexStringLower(SHA256.HashData(content).AsSpan(0, 8)) + "\"";
            files[path] = new UiFile(content, type, new EntityTagHeaderValue(tag));
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
