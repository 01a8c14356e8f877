using Wenjin.Access;
using Wenjin.Storage;

namespace Wenjin.Hosting.Access;

/// <summary>The stores behind access control, opened with the knowledge store and handed to the service as one.</summary>
internal sealed record AccessStores(IAccountStore Accounts, IAuditLog Audit, IOriginalStore Originals);
