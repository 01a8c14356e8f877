using System.Text.Json.Serialization;

namespace Wenjin.Answers;

/// <summary>
/// An answer and its citations. When <see cref="Refused"/> is true the answer says the knowledge base does not contain
/// the answer and the citations are the closest passages.
/// </summary>
public sealed record AskResult(string Question, string Answer, bool Refused, double TookMs, IReadOnlyList<Citation> Citations)
{
    /// <summary>Why the answer was refused or how confident it is, for --explain style diagnostics.</summary>
    public string? Reason { get; init; }

    public double Confidence { get; init; }

    /// <summary>The conversation this answer was stored in; absent for one-off questions.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ConversationId { get; init; }

    /// <summary>Present for generated answers: what verification kept and dropped.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public AnswerVerification? Verification { get; init; }

    /// <summary>Tokens used by the model, when the answer was generated and the server reported them.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ModelUsage? Usage { get; init; }

    /// <summary>Why the configured model was not used for this answer (it failed after its retries).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ModelError { get; init; }

    /// <summary>What retrieval searched for when it differs from the question (a follow-up completed from the previous turn).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ResolvedQuestion { get; init; }
}
