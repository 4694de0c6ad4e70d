namespace Deepstruct.Diagnostics;

/// <summary>The diagnostic identifiers of the <c>.dsnet</c> language (DSNET.md's table).</summary>
public static class DiagnosticIds
{
    /// <summary>Syntax: unexpected text (also: nesting deeper than 64 levels, a text too large).</summary>
    public const string Syntax = "DS1001";

    /// <summary>An unterminated comment or string.</summary>
    public const string Unterminated = "DS1002";

    /// <summary>The structure is not a DAG.</summary>
    public const string Cycle = "DS2001";

    /// <summary>A self-loop.</summary>
    public const string SelfLoop = "DS2002";

    /// <summary>An unknown name.</summary>
    public const string UnknownName = "DS2003";

    /// <summary>A duplicate name.</summary>
    public const string DuplicateName = "DS2004";

    /// <summary>A bad argument: missing, unknown, of the wrong type or out of range.</summary>
    public const string BadArgument = "DS2005";

    /// <summary>A model lacks a required setting or has one its kind does not take.</summary>
    public const string BadSetting = "DS2006";

    /// <summary>Sizes do not fit.</summary>
    public const string SizeMismatch = "DS2007";

    /// <summary>The structure exceeds the size limit.</summary>
    public const string TooLarge = "DS2008";

    /// <summary>A vertex with no edges (warning).</summary>
    public const string IsolatedVertex = "DS2009";

    /// <summary><c>[Dsnet]</c> on a class that is not partial (reported by the generator).</summary>
    public const string NotPartial = "DS3001";

    /// <summary>A generated member collides with a member the user wrote (reported by the generator).</summary>
    public const string MemberCollision = "DS3002";

    /// <summary><c>[Dsnet]</c> on an abstract, static, generic or file-local class, one with a primary constructor or a base class of its own (reported by the generator).</summary>
    public const string UnsupportedClass = "DS3003";

    /// <summary>A <c>cell_dan</c> model whose class has no <c>CreateCell</c> implementation (reported by the generator).</summary>
    public const string MissingCellFactory = "DS3005";

    /// <summary>The severity DSNET.md gives <paramref name="id"/>: a warning for DS2009, an error otherwise.</summary>
    public static DiagnosticSeverity SeverityOf(string id) =>
        id == IsolatedVertex ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error;
}
