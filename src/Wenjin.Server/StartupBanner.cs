namespace Wenjin.Server;

/// <summary>Prints where the UI is once the server listens, so the run command tells the user what to open.</summary>
public static class StartupBanner
{
    public static void AnnounceUrls(this WebApplication app) =>
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (string url in app.Urls)
            {
                Console.Out.WriteLine($"Wenjin (问津) is running: open {url.TrimEnd('/')}/ in a browser (API docs: {url.TrimEnd('/')}/api-docs).");
            }

            Console.Out.Flush();
        });
}
