using System;
using System.Globalization;
using Deepstruct.Diagnostics;
using Deepstruct.Syntax;

namespace Deepstruct.Binding;

/// <summary>Reads literal values of arguments and settings, reporting DS2005 for the wrong type or range.</summary>
internal sealed class ValueReader(DiagnosticBag diagnostics)
{
    public bool TryInteger(ExpressionSyntax value, string what, long minimum, long maximum, out long result)
    {
        result = 0;
        if (value is not NumberLiteralSyntax { IsInteger: true } number)
        {
            diagnostics.Report(DiagnosticIds.BadArgument, value.Span, "Wrong type for {0}: found {1}, expected an integer.", what, Describe(value));
            return false;
        }

        if (!long.TryParse(number.Text, NumberStyles.None, CultureInfo.InvariantCulture, out result))
        {
            diagnostics.Report(DiagnosticIds.BadArgument, value.Span, "{0} is out of range: found {1}{2}, expected an integer from {3} to {4}.", Capital(what), number.IsNegative ? "-" : string.Empty, Shorten(number.Text), minimum, maximum);
            return false;
        }

        result = number.IsNegative ? -result : result;
        if (result < minimum || result > maximum)
        {
            diagnostics.Report(DiagnosticIds.BadArgument, value.Span, "{0} is out of range: found {1}, expected an integer from {2} to {3}.", Capital(what), result, minimum, maximum);
            return false;
        }

        return true;
    }

    public bool TryProbability(ExpressionSyntax value, string what, out double result)
    {
        result = 0;
        if (value is not NumberLiteralSyntax number)
        {
            diagnostics.Report(DiagnosticIds.BadArgument, value.Span, "Wrong type for {0}: found {1}, expected a probability (a number in [0, 1]).", what, Describe(value));
            return false;
        }

        if (!double.TryParse(number.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out result) || double.IsInfinity(result))
        {
            result = double.PositiveInfinity;
        }

        result = number.IsNegative ? -result : result;
        if (!(result >= 0 && result <= 1))
        {
            diagnostics.Report(DiagnosticIds.BadArgument, value.Span, "{0} is out of range: found {1}{2}, expected a probability in [0, 1].", Capital(what), number.IsNegative ? "-" : string.Empty, Shorten(number.Text));
            return false;
        }

        return true;
    }

    public bool TryBoolean(ExpressionSyntax value, string what, out bool result)
    {
        result = false;
        if (value is not BooleanLiteralSyntax boolean)
        {
            diagnostics.Report(DiagnosticIds.BadArgument, value.Span, "Wrong type for {0}: found {1}, expected 'true' or 'false'.", what, Describe(value));
            return false;
        }

        result = boolean.Value;
        return true;
    }

    public static string Describe(ExpressionSyntax value) => value switch
    {
        NumberLiteralSyntax number => $"the number {(number.IsNegative ? "-" : string.Empty)}{Shorten(number.Text)}",
        BooleanLiteralSyntax boolean => boolean.Value ? "'true'" : "'false'",
        StringLiteralSyntax => "a string",
        ShapeLiteralSyntax shape => $"the shape {Shorten(shape.Text)}",
        MapSyntax => "a map '{ … }'",
        NameExpressionSyntax name => $"the name '{name.Name.Text}'",
        CallExpressionSyntax call => $"the call '{call.Callee.Text}(…)'",
        StructureBodySyntax => "a structure '{ … }'",
        _ => "a structure expression",
    };

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);

    private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 40) + "…";

    /// <summary>Parses a shape's dimensions, or returns null if one does not fit the range of a 32-bit size.</summary>
    public static long[]? ParseShape(string text)
    {
        var parts = text.Split('x');
        var dimensions = new long[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out dimensions[i]) || dimensions[i] > int.MaxValue)
            {
                return null;
            }
        }

        return dimensions;
    }

    public static long Product(long[] dimensions)
    {
        long product = 1;
        foreach (var dimension in dimensions)
        {
            product = dimension != 0 && product > long.MaxValue / dimension ? long.MaxValue : product * dimension;
        }

        return Math.Max(product, 0);
    }
}
