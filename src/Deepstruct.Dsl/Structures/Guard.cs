using System;
using System.Globalization;

namespace Deepstruct.Structures;

/// <summary>Argument checks whose exceptions name the parameter and the value that was refused.</summary>
internal static class Guard
{
    public static void NotNull(object? value, string parameterName)
    {
        if (value is null)
        {
            throw new ArgumentNullException(parameterName);
        }
    }

    public static void AtLeast(long value, long minimum, string parameterName)
    {
        if (value < minimum)
        {
            throw new ArgumentOutOfRangeException(
                parameterName,
                value,
                string.Format(CultureInfo.InvariantCulture, "{0} must be at least {1}, but was {2}.", parameterName, minimum, value));
        }
    }

    public static void Probability(double value, string parameterName)
    {
        if (!(value >= 0.0 && value <= 1.0))
        {
            throw new ArgumentOutOfRangeException(
                parameterName,
                value,
                string.Format(CultureInfo.InvariantCulture, "{0} is a probability and must lie in [0, 1], but was {1}.", parameterName, value));
        }
    }

    public static void Vertex(int vertex, int vertexCount, string parameterName)
    {
        if ((uint)vertex >= (uint)vertexCount)
        {
            throw new ArgumentOutOfRangeException(
                parameterName,
                vertex,
                string.Format(CultureInfo.InvariantCulture, "{0} = {1} is not a vertex of this structure; vertices are 0..{2}.", parameterName, vertex, vertexCount - 1));
        }
    }

    public static int FitsInt32(long value, string what)
    {
        if (value > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(
                what,
                value,
                string.Format(CultureInfo.InvariantCulture, "{0} = {1} exceeds the largest supported size ({2}).", what, value, int.MaxValue));
        }

        return (int)value;
    }
}
