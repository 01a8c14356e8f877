namespace Wenjin.Hosting.Extraction;

/// <summary>
/// One field of an <see cref="ExtractionSchema"/> (or a property of an object field, or the item of a list field, which
/// carries its list's name). <see cref="Sources"/> are tried in order by the model-free extractor.
/// </summary>
public sealed record SchemaField(string Name, FieldKind Kind)
{
    public bool Required { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<SourceHint> Sources { get; init; } = [];

    /// <summary>The allowed values of an <see cref="FieldKind.Enum"/> field, in order.</summary>
    public IReadOnlyList<string> EnumValues { get; init; } = [];

    /// <summary>
    /// For an enum whose values are the categories of a taxonomy facet (its own or its list's <c>taxonomy:FACET</c>
    /// hint): the facet, whose terms are the evidence that a category applies.
    /// </summary>
    public string? TaxonomyFacet { get; init; }

    /// <summary>The unit of a number field. "元" makes amounts written in 万元 or 亿元 count in 元.</summary>
    public string? Unit { get; init; }

    /// <summary>What a <see cref="FieldKind.List"/> holds.</summary>
    public SchemaField? Items { get; init; }

    /// <summary>The properties of an <see cref="FieldKind.Object"/>, in order.</summary>
    public IReadOnlyList<SchemaField> Properties { get; init; } = [];

    /// <summary>
    /// True for text that summarises rather than quotes (hints summary, sentence-with, metric.name): it is validated by
    /// support from document sentences instead of verbatim occurrence.
    /// </summary>
    public bool IsFreeText => Kind == FieldKind.String && Sources.Any(s => SourceHintVocabulary.IsFreeText(s.Name));
}
