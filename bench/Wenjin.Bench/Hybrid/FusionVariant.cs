using System.Globalization;
using Wenjin.Hosting.Search;

namespace Wenjin.Bench.Hybrid;

/// <summary>
/// One retrieval configuration the <c>hybrid</c> benchmark measures: lexical only (<see cref="Hybrid"/> null, the
/// service opened without an embedding model), or the lexical and vector rankings fused as <see cref="Hybrid"/> says.
/// </summary>
internal sealed record FusionVariant(string Name, HybridSearchOptions? Hybrid)
{
    /// <summary>The name of the lexical-only variant, the one every other is compared with.</summary>
    public const string LexicalName = "lexical";

    /// <summary>
    /// The variants in the order they run: lexical, RRF with the product's k = 60 and a sharper k = 20, weighted fusion
    /// at three vector weights, and weighted at 1.0 — the vector ranking alone (its 50 candidates; the lexical score is
    /// multiplied by 0 and only breaks ties, which matter for the lowest-scored vector candidate only).
    /// </summary>
    public static IReadOnlyList<FusionVariant> All { get; } =
    [
        new(LexicalName, null),
        Rrf(60),
        Rrf(20),
        Weighted(0.3),
        Weighted(0.5),
        Weighted(0.7),
        new("vector only (weighted w=1.0)", HybridSearchOptions.Default with { Fusion = FusionMethod.Weighted, VectorWeight = 1.0 }),
    ];

    public bool UsesVectors => Hybrid is not null;

    private static FusionVariant Rrf(int k) =>
        new(string.Create(CultureInfo.InvariantCulture, $"RRF k={k}"), HybridSearchOptions.Default with { Fusion = FusionMethod.Rrf, RrfK = k });

    private static FusionVariant Weighted(double vectorWeight) =>
        new(string.Create(CultureInfo.InvariantCulture, $"weighted w={vectorWeight:0.0}"), HybridSearchOptions.Default with { Fusion = FusionMethod.Weighted, VectorWeight = vectorWeight });
}
