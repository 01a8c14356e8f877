namespace Wenjin.Hosting.Models;

/// <summary>How a chat model's failure is put into words for a result's modelError, the same for answers, records and briefs.</summary>
internal static class ModelFailure
{
    /// <summary>"the chat model failed (HTTP 500: …)", "(timed out)" or the exception's message.</summary>
    public static string Describe(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        string what = e switch
        {
            System.ClientModel.ClientResultException result => $"HTTP {result.Status}: {result.Message}",
            Polly.Timeout.TimeoutRejectedException => "timed out",
            _ => e.Message,
        };
        return $"the chat model failed ({what})";
    }
}
