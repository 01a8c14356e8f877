namespace Wenjin.Errors;

/// <summary>
/// The one domain exception. <see cref="Kind"/> says what the caller can do about it; <see cref="Stage"/>
/// names the pipeline stage (for documents: read, detect, parse, chunk, analyze, store) where it happened.
/// </summary>
public sealed class WenjinException : Exception
{
    public WenjinException(WenjinErrorKind kind, string message, string? stage = null, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        Stage = stage;
    }

    public WenjinErrorKind Kind { get; }

    public string? Stage { get; }

    public static WenjinException NotFound(string message) => new(WenjinErrorKind.NotFound, message);

    public static WenjinException Invalid(string message) => new(WenjinErrorKind.InvalidInput, message);
}
