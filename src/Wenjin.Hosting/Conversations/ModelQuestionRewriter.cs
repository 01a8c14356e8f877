using Microsoft.Extensions.AI;
using Wenjin.Conversations;
using Wenjin.Hosting.Answering;

namespace Wenjin.Hosting.Conversations;

/// <summary>
/// With a chat model, a follow-up question is rewritten into one that stands alone ("它的准确率呢？" after a question
/// about a model → "该模型的准确率是多少？"), from the previous question and answer. The rewrite only steers retrieval —
/// the answer is still verified against the passages — and anything odd (empty, several lines, far too long, the model
/// failing) falls back to the model-free <see cref="FollowUpResolver"/>.
/// </summary>
public sealed class ModelQuestionRewriter
{
    private const int MaxQuestionLength = 300;
    private const int MaxAnswerContext = 400;

    private readonly IChatClient _chat;
    private readonly FollowUpResolver _fallback;

    public ModelQuestionRewriter(IChatClient chat, FollowUpResolver fallback)
    {
        _chat = chat;
        _fallback = fallback;
    }

    /// <summary>The question to search for; unchanged when it is not a follow-up or there is no previous turn.</summary>
    public async Task<string> RewriteAsync(string question, ConversationTurn? previous, CancellationToken cancellationToken)
    {
        string trimmed = question.Trim();
        if (previous is null || !_fallback.IsFollowUp(trimmed))
        {
            return trimmed;
        }

        string heuristic = _fallback.Resolve(trimmed, previous.Question, previous.ResolvedQuestion);
        string answer = CitationMarkers.Strip(previous.Answer);
        if (answer.Length > MaxAnswerContext)
        {
            answer = answer[..MaxAnswerContext] + "…";
        }

        bool english = AnswerExtractor.IsEnglish(trimmed);
        List<ChatMessage> messages =
        [
            new(ChatRole.System, english
                ? "Rewrite the user's follow-up question into one standalone question that can be understood without the conversation. Keep its language. Output only the rewritten question, on one line, nothing else. Do not answer it."
                : "把用户的追问改写成一个不依赖上下文、可以单独理解的完整问题，保持原来的语言。只输出改写后的问题，一行，不要回答它，不要输出其他内容。"),
            new(ChatRole.User, english
                ? $"Previous question: {previous.ResolvedQuestion}\nPrevious answer: {answer}\nFollow-up: {trimmed}"
                : $"上一个问题：{previous.ResolvedQuestion}\n上一个回答：{answer}\n追问：{trimmed}"),
        ];

        try
        {
            var response = await _chat.GetResponseAsync(messages, new ChatOptions { Temperature = 0, MaxOutputTokens = 120 }, cancellationToken).ConfigureAwait(false);
            string rewritten = response.Text.Trim().Trim('"', '“', '”', '「', '」');
            bool usable = rewritten.Length > 0 && rewritten.Length <= MaxQuestionLength && !rewritten.Contains('\n', StringComparison.Ordinal);
            return usable ? rewritten : heuristic;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return heuristic;
        }
    }
}
