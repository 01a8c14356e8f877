using Wenjin.Errors;

namespace Wenjin.Server.Errors;

/// <summary>Writes a domain error as problem details from places that answer before any endpoint runs (sign-in challenges, rate limits).</summary>
internal static class ProblemResponse
{
    public static Task WriteAsync(HttpContext context, WenjinException error)
    {
        var problem = ProblemExceptionHandler.ProblemFor(error);
        context.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return context.Response.WriteAsJsonAsync(problem, options: null, contentType: "application/problem+json", context.RequestAborted);
    }
}
