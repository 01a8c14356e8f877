namespace Wenjin.Cli.Commands;

/// <summary>One line of a --batch file: an id (may be empty) and the question or query text.</summary>
internal sealed record BatchQuestion(string Id, string Text);
