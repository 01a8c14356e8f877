namespace Wenjin.Hosting.Tests.Models;

/// <summary>Waits for state the scripted server records after the client has moved on (e.g. that it saw an abort).</summary>
internal static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> for up to 20 s; fails naming <paramref name="what"/>.</summary>
    public static async Task TrueAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for: " + what);
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }
}
