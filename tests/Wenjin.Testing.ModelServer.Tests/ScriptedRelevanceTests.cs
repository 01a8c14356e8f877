namespace Wenjin.Testing.ModelServer.Tests;

public sealed class ScriptedRelevanceTests
{
    [Theory]
    [InlineData("PUE是多少", "年均PUE为1.25", 0.5)]
    [InlineData("PUE", "pue", 1.0)]
    [InlineData("营 收", "营收", 1.0)]
    [InlineData("营收", "总部在杭州", 0.0)]
    [InlineData(" ", "任何文本", 0.0)]
    public void SharedCharacters_IsTheShareOfTheQuerysCharactersTheDocumentHolds(string query, string document, double expected)
    {
        Assert.Equal(expected, ScriptedRelevance.SharedCharacters(query, document), 6);
    }
}
