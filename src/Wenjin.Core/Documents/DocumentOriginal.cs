namespace Wenjin.Documents;

/// <summary>The file a document was uploaded as, byte for byte, with the name it was uploaded under.</summary>
public sealed record DocumentOriginal(string DocId, string FileName, ReadOnlyMemory<byte> Content);
