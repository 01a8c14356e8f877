namespace Wenjin.Server.Security;

/// <summary>
/// Headers on every response that keep a document's content from ever acting in the browser: a Content-Security-Policy
/// allowing only this server's own scripts and styles (no inline script, no eval, no plug-ins, no framing), no MIME
/// sniffing (a downloaded original is never run as HTML), no referrer. The API page (/api-docs, Swagger UI) also needs
/// inline styles and data: images, and gets them only there.
/// </summary>
public static class SecurityHeaders
{
    public const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; " +
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    public const string ApiDocsPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    public static void UseSecurityHeaders(this WebApplication app) =>
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/api-docs", StringComparison.Ordinal) ? ApiDocsPolicy : Policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return next(context);
        });
}
