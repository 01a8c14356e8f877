using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Wenjin.Errors;

namespace Wenjin.Server.Errors;

/// <summary>
/// The one place errors become HTTP: a <see cref="WenjinException"/> becomes RFC 9457 problem details with the status
/// of its kind (<see cref="ProblemStatus"/>), its message as detail and "kind"/"stage" extensions; a bad request
/// (malformed JSON, body too large) keeps its status; anything else is a 500 whose detail hides internals.
/// </summary>
internal sealed class ProblemExceptionHandler : IExceptionHandler
{
    private readonly IProblemDetailsService _problems;
    private readonly ILogger<ProblemExceptionHandler> _logger;

    public ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger)
    {
        _problems = problems;
        _logger = logger;
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = ProblemFor(exception);
        if (problem.Status >= StatusCodes.Status500InternalServerError)
        {
            _logger.LogError(exception, "Request {Method} {Path} failed", httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        if (!await _problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception }))
        {
            // The client accepts no JSON (e.g. Accept: text/event-stream): the problem is still the answer.
            await httpContext.Response.WriteAsJsonAsync(problem, options: null, contentType: "application/problem+json", cancellationToken);
        }

        return true;
    }

    /// <summary>The problem details for an exception (also used for errors inside an event stream).</summary>
    public static ProblemDetails ProblemFor(Exception exception)
    {
        switch (exception)
        {
            case WenjinException wenjin:
                var problem = new ProblemDetails
                {
                    Status = ProblemStatus.For(wenjin.Kind),
                    Title = ProblemStatus.Title(wenjin.Kind),
                    Detail = wenjin.Message,
                };
                problem.Extensions["kind"] = ProblemStatus.KindName(wenjin.Kind);
                if (wenjin.Stage is not null)
                {
                    problem.Extensions["stage"] = wenjin.Stage;
                }

                return problem;
            case BadHttpRequestException bad:
                return new ProblemDetails
                {
                    Status = bad.StatusCode,
                    Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Too large" : "Bad request",
                    Detail = bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                        ? "The request is larger than the server accepts (Wenjin:MaxUploadRequestBytes); send fewer or smaller files per request."
                        : bad.Message,
                };
            case InvalidDataException invalid:
                // Multipart bodies over FormOptions limits surface as InvalidDataException.
                return new ProblemDetails
                {
                    Status = StatusCodes.Status413PayloadTooLarge,
                    Title = "Too large",
                    Detail = $"The upload could not be read: {invalid.Message}",
                };
            default:
                return new ProblemDetails
                {
                    Status = StatusCodes.Status500InternalServerError,
                    Title = "Internal error",
                    Detail = "Wenjin failed to handle this request; the server log has the details.",
                };
        }
    }
}
