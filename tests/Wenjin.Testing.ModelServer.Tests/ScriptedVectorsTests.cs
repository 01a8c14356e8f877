namespace Wenjin.Testing.ModelServer.Tests;

public sealed class ScriptedVectorsTests
{
    [Fact]
    public void For_IsDeterministicAndUnitLength()
    {
        float[] a = ScriptedVectors.For("问津：中文文档问答", 64);
        float[] b = ScriptedVectors.For("问津：中文文档问答", 64);

        Assert.Equal(a, b);
        Assert.Equal(64, a.Length);
        Assert.Equal(1.0, Math.Sqrt(a.Sum(v => (double)v * v)), 5);
    }

    [Fact]
    public void For_PinsTheHash_SoVectorsAreTheSameOnEveryMachine()
    {
        // "a" lands in one component with one sign; if the hash changes, stored test vectors would silently differ.
        float[] vector = ScriptedVectors.For("a", 8);

        Assert.Equal(1, vector.Count(v => v != 0));
        Assert.Equal(1f, Math.Abs(vector.Single(v => v != 0)));
        Assert.Equal(ScriptedVectors.For("A", 8), vector);
        Assert.Equal(ScriptedVectors.For(" a\n", 8), vector);
    }

    [Fact]
    public void SharedCharacters_AreMoreSimilarThanUnrelatedText()
    {
        float[] question = ScriptedVectors.For("公司去年的营业收入是多少？", 256);
        float[] answer = ScriptedVectors.For("2023 年公司营业收入为 12.5 亿元。", 256);
        float[] unrelated = ScriptedVectors.For("熊猫主要以竹子为食。", 256);

        Assert.True(ScriptedVectors.Cosine(question, answer) > ScriptedVectors.Cosine(question, unrelated) + 0.2,
            $"{ScriptedVectors.Cosine(question, answer)} vs {ScriptedVectors.Cosine(question, unrelated)}");
    }

    [Fact]
    public void EmptyText_IsTheFirstUnitVector()
    {
        Assert.Equal([1f, 0f, 0f, 0f], ScriptedVectors.For("  ", 4));
    }

    [Fact]
    public void Tokens_CountNonWhitespaceCharacters()
    {
        Assert.Equal(0, ScriptedTokens.Count(null));
        Assert.Equal(5, ScriptedTokens.Count("问津 is\n好"));
        Assert.Equal(1, ScriptedTokens.Count("𠀀")); // one scalar outside the BMP
    }
}
