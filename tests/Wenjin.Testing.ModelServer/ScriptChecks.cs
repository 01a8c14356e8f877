namespace Wenjin.Testing.ModelServer;

/// <summary>Argument checks shared by the script factories.</summary>
internal static class ScriptChecks
{
    public static void Status(int statusCode, int? retryAfterSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        if (retryAfterSeconds is { } seconds)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(seconds, nameof(retryAfterSeconds));
        }
    }
}
