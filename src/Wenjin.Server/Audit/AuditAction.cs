namespace Wenjin.Server.Audit;

/// <summary>Endpoint metadata naming what a request does in the audit log ("document.upload"); see <see cref="AuditLogging"/>.</summary>
public sealed record AuditAction(string Name);
