using Wenjin.Answers;

namespace Wenjin.Briefs;

/// <summary>
/// A traced brief: sections of sentences, every sentence carrying at least one citation index into
/// <see cref="Citations"/> (1-based, as in answers), whose quote is verbatim document text at [start, end).
/// <see cref="Method"/> is "rules" (sentences taken verbatim from the documents, deduplicated, grouped under headings)
/// or "model" (prose whose every sentence passed answer verification; <see cref="Verification"/> lists what was dropped).
/// No sections means the knowledge base holds nothing on the topic; <see cref="Note"/> says so.
/// </summary>
public sealed record Brief(string Topic, IReadOnlyList<BriefSection> Sections, IReadOnlyList<Citation> Citations, string Method, double TookMs)
{
    public string? Note { get; init; }

    public AnswerVerification? Verification { get; init; }

    public string? ModelError { get; init; }
}
