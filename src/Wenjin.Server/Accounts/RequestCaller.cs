using Wenjin.Hosting.Access;

namespace Wenjin.Server.Accounts;

/// <summary>The <see cref="Caller"/> of the current request, resolved by <see cref="AccountRegistration.UseWenjinAccounts"/>.</summary>
public static class RequestCaller
{
    public static Caller Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<Caller>() ?? throw AccountRegistration.Unauthenticated(context);
    }
}
