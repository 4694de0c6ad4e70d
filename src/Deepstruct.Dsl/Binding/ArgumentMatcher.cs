using System.Collections.Generic;
using System.Linq;
using Deepstruct.Diagnostics;
using Deepstruct.Syntax;

namespace Deepstruct.Binding;

/// <summary>
/// Matches the arguments of a call (named or positional, positional first) to a parameter list,
/// reporting DS2005 for unknown, repeated, surplus and missing arguments.
/// </summary>
internal static class ArgumentMatcher
{
    /// <summary>Returns the value given to each parameter (null where absent), or null after an error.</summary>
    public static ExpressionSyntax?[]? Match(
        DiagnosticBag diagnostics,
        string callee,
        SourceSpan calleeSpan,
        IReadOnlyList<ArgumentSyntax> arguments,
        IReadOnlyList<string> parameters,
        int requiredCount)
    {
        var values = new ExpressionSyntax?[parameters.Count];
        var ok = true;
        var seenNamed = false;
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            int index;
            if (argument.Name is { } name)
            {
                seenNamed = true;
                index = IndexOf(parameters, name.Text);
                if (index < 0)
                {
                    diagnostics.Report(
                        DiagnosticIds.BadArgument,
                        name.Span,
                        "Unknown argument '{0}' of '{1}': expected one of {2}{3}.",
                        name.Text,
                        callee,
                        List(parameters),
                        NameSuggestion.Hint(name.Text, parameters));
                    ok = false;
                    continue;
                }
            }
            else if (seenNamed)
            {
                diagnostics.Report(DiagnosticIds.BadArgument, argument.Span, "Positional argument after a named one in '{0}': expected 'name: value'.", callee);
                ok = false;
                continue;
            }
            else if (i >= parameters.Count)
            {
                diagnostics.Report(DiagnosticIds.BadArgument, argument.Span, "Too many arguments for '{0}': found {1}, expected at most {2} ({3}).", callee, arguments.Count, parameters.Count, List(parameters));
                ok = false;
                break;
            }
            else
            {
                index = i;
            }

            if (values[index] is not null)
            {
                diagnostics.Report(DiagnosticIds.BadArgument, argument.Span, "Argument '{0}' of '{1}' is given twice: expected it once.", parameters[index], callee);
                ok = false;
                continue;
            }

            values[index] = argument.Value;
        }

        for (var index = 0; index < requiredCount && ok; index++)
        {
            if (values[index] is null)
            {
                diagnostics.Report(
                    DiagnosticIds.BadArgument,
                    calleeSpan,
                    "Missing argument '{0}' of '{1}': expected {2}.",
                    parameters[index],
                    callee,
                    List(parameters.Take(requiredCount)));
                ok = false;
            }
        }

        return ok ? values : null;
    }

    private static int IndexOf(IReadOnlyList<string> parameters, string name)
    {
        for (var i = 0; i < parameters.Count; i++)
        {
            if (parameters[i] == name)
            {
                return i;
            }
        }

        return -1;
    }

    private static string List(IEnumerable<string> names) => string.Join(", ", names.Select(name => "'" + name + "'"));
}
