namespace Wenjin.Hosting.Vectors;

/// <summary>Validation and normalisation of the vectors and queries handed to an index.</summary>
internal static class UnitVector
{
    /// <summary>
    /// Writes <paramref name="vector"/> scaled to unit length into <paramref name="destination"/>. The length is
    /// accumulated in double so that large finite components do not overflow.
    /// </summary>
    /// <exception cref="ArgumentException">The length is wrong, a component is not finite, or the vector is zero.</exception>
    public static void Normalize(ReadOnlySpan<float> vector, int dimensions, Span<float> destination, string parameterName)
    {
        CheckDimensions(vector.Length, dimensions, parameterName);
        double sumOfSquares = 0;
        foreach (float component in vector)
        {
            if (!float.IsFinite(component))
            {
                throw new ArgumentException("The vector has a component that is NaN or infinite.", parameterName);
            }

            sumOfSquares += (double)component * component;
        }

        if (sumOfSquares == 0)
        {
            throw new ArgumentException("The vector is all zeros, so it has no direction to compare by cosine.", parameterName);
        }

        double inverseLength = 1 / Math.Sqrt(sumOfSquares);
        for (int i = 0; i < vector.Length; i++)
        {
            destination[i] = (float)(vector[i] * inverseLength);
        }
    }

    public static void CheckDimensions(int length, int dimensions, string parameterName)
    {
        if (length != dimensions)
        {
            throw new ArgumentException(
                $"The vector has {length} dimensions but this index holds {dimensions}-dimensional vectors; embed with the model the index was built for.",
                parameterName);
        }
    }
}
