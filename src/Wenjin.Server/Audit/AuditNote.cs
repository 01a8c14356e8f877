namespace Wenjin.Server.Audit;

/// <summary>
/// What an endpoint adds to its audit entry: a detail (the file names uploaded, the role granted) and, for a sign-in,
/// the name it was attempted with (there is no caller yet).
/// </summary>
public sealed class AuditNote
{
    public string? Actor { get; set; }

    public string? Detail { get; set; }

    /// <summary>The note of the current request, created on first use.</summary>
    public static AuditNote Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var note = context.Features.Get<AuditNote>();
        if (note is null)
        {
            note = new AuditNote();
            context.Features.Set(note);
        }

        return note;
    }
}
