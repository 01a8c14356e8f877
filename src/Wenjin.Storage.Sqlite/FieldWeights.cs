namespace Wenjin.Storage.Sqlite;

/// <summary>
/// bm25 column weights for candidate selection, in the index's column order (title, heading, body): a term in the
/// title counts twice as much as in the body.
/// </summary>
internal static class FieldWeights
{
    public const double Title = 2.0;

    public const double Heading = 1.5;

    public const double Body = 1.0;

    /// <summary>The weights as bm25() arguments, e.g. "2.0, 1.5, 1.0".</summary>
    public static string Bm25Arguments { get; } = FormattableString.Invariant($"{Title:0.0##}, {Heading:0.0##}, {Body:0.0##}");
}
