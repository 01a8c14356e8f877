namespace Wenjin.Server.Apis;

/// <summary>The OpenAPI document at /openapi/v1.json and a browsable page for it at /api-docs (Swagger UI, served locally).</summary>
public static class OpenApiEndpoints
{
    public static void MapWenjinOpenApi(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.UseSwaggerUI(ui =>
        {
            ui.SwaggerEndpoint("/openapi/v1.json", "Wenjin API v1");
            ui.RoutePrefix = "api-docs";
            ui.DocumentTitle = "Wenjin (问津) API";
        });
    }
}
