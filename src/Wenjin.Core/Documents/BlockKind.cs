namespace Wenjin.Documents;

/// <summary>The structural role of a span of extracted text.</summary>
public enum BlockKind
{
    Paragraph,
    Heading,
    ListItem,
    TableRow,
    Code,
}
