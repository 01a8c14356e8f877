using Microsoft.Net.Http.Headers;

namespace Wenjin.Server.Ui;

/// <summary>One embedded UI file with its content type and ETag.</summary>
internal sealed record UiFile(byte[] Content, string ContentType, EntityTagHeaderValue ETag);
