using System.Text.Json.Nodes;

namespace Wenjin.Hosting.Extraction.Building;

/// <summary>
/// The organisation hint: the organisation (<see cref="Wenjin.Text.Extraction.OrganizationExtractor"/>) nearest after
/// an occurrence of a cue word (arguments, in order) in the same clause or on the next line; failing that, the one
/// that ends right before the cue in the same clause ("由上海云衍智能科技有限公司研发": Chinese puts the agent before the
/// verb); else the first organisation of the document. A cue that names another role (中标候选人, 未中标) is skipped.
/// </summary>
internal static class OrganisationProposer
{
    /// <summary>The most characters between a cue and the organisation after it.</summary>
    public const int MaxGapAfter = 30;

    /// <summary>The most characters between an organisation and the cue after it (由X公司负责建设).</summary>
    public const int MaxGapBefore = 4;

    public static JsonNode? Propose(SourceHint hint, DocumentReading reading)
    {
        var mentions = reading.OrganisationMentions;
        if (mentions.Count == 0)
        {
            return null;
        }

        string text = reading.Text;
        foreach (string cue in hint.Arguments)
        {
            foreach (var span in reading.FindCue(cue))
            {
                if (!CueContext.IsPlain(text, span.Start, span.End))
                {
                    continue;
                }

                var after = mentions.FirstOrDefault(m => m.Span.Start >= span.End);
                if (after.Name is not null && CueContext.Gap(text, span.End, after.Span.Start, MaxGapAfter) is not null)
                {
                    return JsonValue.Create(after.Name);
                }

                var before = mentions.LastOrDefault(m => m.Span.End <= span.Start);
                if (before.Name is not null && CueContext.Gap(text, before.Span.End, span.Start, MaxGapBefore) is { } gap && !gap.Contains(':') && !gap.Contains('：'))
                {
                    return JsonValue.Create(before.Name);
                }
            }
        }

        return JsonValue.Create(mentions[0].Name);
    }
}
