using Wenjin.Hosting.Answering;

namespace Wenjin.Bench.Qa;

/// <summary>
/// One question's evidence, whether it is answerable, whether the chosen answer contains the gold answer, and whether
/// it comes from another dataset (a question the knowledge base cannot answer at all).
/// </summary>
internal sealed record CalibrationCase(AnswerEvidence Evidence, bool Answerable, bool ChosenIsCorrect, bool Foreign);
