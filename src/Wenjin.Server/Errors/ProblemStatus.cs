using Wenjin.Errors;

namespace Wenjin.Server.Errors;

/// <summary>The HTTP status, title and machine-readable name of each <see cref="WenjinErrorKind"/>.</summary>
internal static class ProblemStatus
{
    public static int For(WenjinErrorKind kind) => kind switch
    {
        WenjinErrorKind.InvalidInput => StatusCodes.Status400BadRequest,
        WenjinErrorKind.NotFound => StatusCodes.Status404NotFound,
        WenjinErrorKind.Conflict => StatusCodes.Status409Conflict,
        WenjinErrorKind.UnsupportedFormat => StatusCodes.Status415UnsupportedMediaType,
        WenjinErrorKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        WenjinErrorKind.UnreadableContent => StatusCodes.Status422UnprocessableEntity,
        WenjinErrorKind.ReindexNeeded => StatusCodes.Status409Conflict,
        WenjinErrorKind.Unauthenticated => StatusCodes.Status401Unauthorized,
        WenjinErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static string Title(WenjinErrorKind kind) => kind switch
    {
        WenjinErrorKind.InvalidInput => "Invalid request",
        WenjinErrorKind.NotFound => "Not found",
        WenjinErrorKind.Conflict => "Conflict",
        WenjinErrorKind.UnsupportedFormat => "Unsupported file type",
        WenjinErrorKind.TooLarge => "Too large",
        WenjinErrorKind.UnreadableContent => "Unreadable content",
        WenjinErrorKind.ReindexNeeded => "Reindex needed",
        WenjinErrorKind.Unauthenticated => "Sign-in required",
        WenjinErrorKind.Forbidden => "Not allowed",
        _ => "Internal error",
    };

    /// <summary>camelCase kind name ("notFound"), as enums are written everywhere else in the API.</summary>
    public static string KindName(WenjinErrorKind kind)
    {
        string name = kind.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}
