namespace Wenjin.Access;

/// <summary>
/// One grant on a knowledge base to a user or group. <see cref="MayDownload"/> allows downloading the uploaded original
/// files (reading the extracted text only needs <see cref="KnowledgeBaseRole.Viewer"/>).
/// </summary>
public sealed record KnowledgeBaseGrant(string Kb, PrincipalKind Kind, string Principal, KnowledgeBaseRole Role, bool MayDownload);
