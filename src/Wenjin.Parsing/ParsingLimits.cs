namespace Wenjin.Parsing;

/// <summary>Size limits applied to every document; content over a limit fails with WenjinErrorKind.TooLarge.</summary>
public sealed record ParsingLimits
{
    /// <summary>Largest accepted file, in bytes (default 64 MB).</summary>
    public long MaxBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Largest accepted extracted text, in characters (default 20 million).</summary>
    public int MaxCharacters { get; init; } = 20_000_000;

    /// <summary>Largest accepted page count for paged formats (default 5,000).</summary>
    public int MaxPages { get; init; } = 5000;

    public static ParsingLimits Default { get; } = new();
}
