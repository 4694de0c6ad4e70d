using System.Globalization;
using System.Text;
using Deepstruct.Dsl.Tests.Language;

namespace Deepstruct.Generators.Tests.Infrastructure;

/// <summary>Kinds of fuzzed input that once broke the generated code (issue #11), named in a failing project's description.</summary>
[Flags]
internal enum FuzzCategory
{
    None = 0,

    /// <summary>Item 10: a model, class or namespace named with a C# keyword (<c>model class</c>, <c>@class</c>, <c>namespace class.int</c>).</summary>
    KeywordName = 1,

    /// <summary>Item 12: a model or class named like a generated member (<c>InputSize</c>, <c>Vertices</c>, <c>Main1</c>, ...).</summary>
    GeneratedMemberName = 2,

    /// <summary>Item 12: a <c>[Dsnet]</c> class with a primary constructor.</summary>
    PrimaryConstructor = 4,

    /// <summary>Item 13: a <c>cell_dan</c> model whose class lacks its <c>CreateCell</c> implementation.</summary>
    CellDanWithoutCreateCell = 8,
}

/// <summary>One fuzzed project: .dsnet files, C# sources, and what kinds of input it holds.</summary>
internal sealed record FuzzProject(InMemoryAdditionalText[] Files, string[] Sources, FuzzCategory Categories)
{
    public string Describe() =>
        "categories: " + Categories + "\n"
        + string.Concat(Files.Select(file => "--- " + file.Path + "\n" + file.GetText() + "\n"))
        + string.Concat(Sources.Select((source, index) => "--- Source" + index.ToString(CultureInfo.InvariantCulture) + ".cs\n" + source + "\n"));
}

/// <summary>
/// Generates projects that vary the C# side as much as the .dsnet side: classes, records, structs,
/// interfaces, nested, generic, partial-twice, non-partial, file-local and primary-constructor types;
/// names that sanitize alike, differ in case only, are keywords or generated members' names; the
/// same full name in two .dsnet files or in a .dsnet file and a [Dsnet] class. Model texts are valid
/// models (some with extreme but valid arguments) or the language fuzzer's mutations.
/// </summary>
internal static class FuzzProjects
{
    private const string CellDan = "cell_dan { input 4; output 2; structure { a -> b, c; b, c -> d; } }";

    private const string CreateCell =
        "private partial global::TorchSharp.torch.nn.Module<global::TorchSharp.torch.Tensor, global::TorchSharp.torch.Tensor> CreateCell(global::Deepstruct.CellSpec cell) => throw new global::System.NotSupportedException();";

    private static readonly string[] ValidModels =
    [
        "ffn { input 4; hidden 3; output 2; }",
        "ffn { input 1x2x2; hidden 3, 3; output 1; activation tanh; bias false; layer_norm; }",
        "dan { input 4; output 2; structure { a -> b -> c; a -> c; } }",
        "dan { input 8; output 1; structure balanced_tree(r: 2, h: 3); layer_norm; }",
        "dan { input 4; output 2; structure { block h[3], g[2]; h -> g; } }",
        "dan { input 2; output 1; structure path(n: 600); }", // a long chain: hundreds of typed maps
        "dan { input 3; output 2; structure balanced_tree(r: 1, h: 40); }",
        "dan { input 6; output 3; structure { block h[40], g[40]; h -> g : random(p: 0, seed: 1); h -> g : one_to_one; } }",
        "dan { input 5; output 5; structure watts_strogatz(n: 60, k: 4, p: 1, seed: 3); }",
        "rnn { input 1; hidden 4; cell gru; batch_first; }",
        "rnn { input 2; hidden 3, 3; activation relu; }",
    ];

    // C# names: ASCII, two pairs that sanitize alike, a pair that differs in case only.
    private static readonly string[] CSharpNames = ["Net", "NET", "Mnist", "A\u203FB", "A_B", "A\u0308", "A_", "Zoo"];

    // .dsnet identifiers are ASCII: these collide with the C# names above on purpose.
    private static readonly string[] DsnetNames = ["Net", "NET", "Mnist", "A_B", "A_", "Zoo"];

    private static readonly string[] MemberNames = ["Spec", "InputSize", "Structure", "Main1", "Vertices", "LayerCount", "LayerSizes", "OutputMap", "Hidden1", "OutputSize", "InputShape"];

    private static readonly string[] Keywords = ["class", "int", "event", "namespace", "object"];

    // null: the global namespace in C#, the project's RootNamespace (Consumer.Models) in a .dsnet file.
    private static readonly string?[] Namespaces = [null, "App", "App.Inner", GeneratorHarness.RootNamespace];

    private enum Form
    {
        Partial,
        SealedInternal,
        Record,
        RecordStruct,
        Struct,
        Interface,
        NotPartial,
        Abstract,
        Static,
        Generic,
        NestedInPartial,
        NestedInNonPartial,
        NestedInGeneric,
        NestedInRecord,
        PartialTwice,
        PartialTwiceBothAttributed,
        FileLocal,
        CollidingMember,
        PrimaryConstructor,
    }

    public static FuzzProject Generate(Random random, string[][] corpus)
    {
        var categories = FuzzCategory.None;
        var files = new List<InMemoryAdditionalText>();
        var sources = new List<string>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var outer = 0;

        for (var f = random.Next(3); f > 0; f--)
        {
            files.Add(new InMemoryAdditionalText("/p/m" + files.Count.ToString(CultureInfo.InvariantCulture) + "/models.dsnet", DsnetFile(random, corpus, sources, ref categories)));
        }

        for (var c = random.Next(1, 4); c > 0; c--)
        {
            var (ns, csNamespace) = PickNamespace(random, ref categories);
            var (name, written) = PickName(random, CSharpNames, ref categories);
            if (!taken.Add(ns + "." + name))
            {
                // Two unrelated C# types of one name are broken C# before any model: not this fuzzer's subject.
                continue;
            }

            var model = PickModel(random, corpus);
            var form = (Form)random.Next(Enum.GetValues<Form>().Length);
            sources.AddRange(ClassSources(random, form, csNamespace, written, model, "Outer" + (outer++).ToString(CultureInfo.InvariantCulture), ref categories));
        }

        return new FuzzProject([.. files], [.. sources], categories);
    }

    private static string DsnetFile(Random random, string[][] corpus, List<string> sources, ref FuzzCategory categories)
    {
        if (random.Next(4) == 0)
        {
            var fuzzed = FuzzInputs.Generate(random, corpus);
            categories |= Classify(fuzzed);
            return fuzzed;
        }

        var (ns, _) = PickNamespace(random, ref categories);
        var text = new StringBuilder();
        if (ns is not null)
        {
            text.Append("namespace ").Append(ns).Append(";\n");
        }

        for (var m = random.Next(1, 4); m > 0; m--)
        {
            var (name, _) = PickName(random, DsnetNames, ref categories, dsnet: true);
            var model = random.Next(8) == 0 ? CellDan : ValidModels[random.Next(ValidModels.Length)];
            text.Append("model ").Append(name).Append(" : ").Append(model).Append('\n');
            if (model == CellDan)
            {
                // A .dsnet cell_dan needs its CreateCell in the user's part of the class.
                if (random.Next(4) == 0)
                {
                    categories |= FuzzCategory.CellDanWithoutCreateCell;
                }
                else
                {
                    var fullNamespace = ns ?? GeneratorHarness.RootNamespace;
                    // One implementation per class, however often the model's name is (wrongly) declared:
                    // two would be the user's own C# error, which the generated call then repeats.
                    var implementation = "namespace " + CSharpNamespace(fullNamespace) + "\n{\n    partial class " + CSharpIdentifier(name) + "\n    {\n        " + CreateCell + "\n    }\n}\n";
                    if (!sources.Contains(implementation))
                    {
                        sources.Add(implementation);
                    }
                }
            }
        }

        return text.ToString();
    }

    private static string PickModel(Random random, string[][] corpus) => random.Next(10) switch
    {
        < 6 => ValidModels[random.Next(ValidModels.Length)],
        6 => CellDan,
        _ => FuzzInputs.Generate(random, corpus),
    };

    private static (string? Namespace, string? CSharp) PickNamespace(Random random, ref FuzzCategory categories)
    {
        if (random.Next(20) == 0)
        {
            categories |= FuzzCategory.KeywordName;
            return ("class.int", "@class.@int");
        }

        var ns = Namespaces[random.Next(Namespaces.Length)];
        return (ns, ns);
    }

    /// <summary>A name as the symbol spells it, and as the source writes it (<c>@class</c>).</summary>
    private static (string Name, string Written) PickName(Random random, string[] names, ref FuzzCategory categories, bool dsnet = false)
    {
        switch (random.Next(12))
        {
            case 0:
            {
                categories |= FuzzCategory.KeywordName;
                var keyword = Keywords[random.Next(Keywords.Length)];
                return (keyword, dsnet ? keyword : "@" + keyword);
            }

            case 1:
            {
                categories |= FuzzCategory.GeneratedMemberName;
                var member = MemberNames[random.Next(MemberNames.Length)];
                return (member, member);
            }

            default:
            {
                var name = names[random.Next(names.Length)];
                return (name, name);
            }
        }
    }

    private static IEnumerable<string> ClassSources(Random random, Form form, string? ns, string name, string model, string outer, ref FuzzCategory categories)
    {
        var attribute = "[Dsnet(" + Literal(random, model) + ")]";
        var body = string.Empty;
        if (model != CellDan && model.Contains("cell_dan", StringComparison.Ordinal))
        {
            categories |= FuzzCategory.CellDanWithoutCreateCell;
        }
        else if (model == CellDan)
        {
            if (random.Next(4) == 0)
            {
                categories |= FuzzCategory.CellDanWithoutCreateCell;
            }
            else
            {
                body = CreateCell;
            }
        }

        string Declaration(string header, string members) => attribute + "\n" + header + "\n{\n    " + members + "\n}";

        var declarations = new List<string>();
        switch (form)
        {
            case Form.Partial:
                declarations.Add(Declaration("public partial class " + name, body));
                break;
            case Form.SealedInternal:
                declarations.Add(Declaration("internal sealed partial class " + name, body));
                break;
            case Form.Record:
                declarations.Add(Declaration("public partial record " + name, body));
                break;
            case Form.RecordStruct:
                declarations.Add(Declaration("public partial record struct " + name, string.Empty));
                break;
            case Form.Struct:
                declarations.Add(Declaration("public partial struct " + name, string.Empty));
                break;
            case Form.Interface:
                declarations.Add(Declaration("public partial interface " + name, string.Empty));
                break;
            case Form.NotPartial:
                declarations.Add(Declaration("public class " + name, string.Empty));
                break;
            case Form.Abstract:
                declarations.Add(Declaration("public abstract partial class " + name, body));
                break;
            case Form.Static:
                declarations.Add(Declaration("public static partial class " + name, string.Empty));
                break;
            case Form.Generic:
                declarations.Add(Declaration("public partial class " + name + "<T>", body));
                break;
            case Form.NestedInPartial:
                declarations.Add("public partial class " + outer + "\n{\n" + Declaration("public partial class " + name, body) + "\n}");
                break;
            case Form.NestedInNonPartial:
                declarations.Add("public class " + outer + "\n{\n" + Declaration("public partial class " + name, body) + "\n}");
                break;
            case Form.NestedInGeneric:
                declarations.Add("public partial class " + outer + "<T>\n{\n" + Declaration("public partial class " + name, body) + "\n}");
                break;
            case Form.NestedInRecord:
                declarations.Add("public partial record " + outer + "\n{\n" + Declaration("internal partial class " + name, body) + "\n}");
                break;
            case Form.PartialTwice:
                declarations.Add(Declaration("public partial class " + name, body));
                declarations.Add("public partial class " + name + "\n{\n}");
                break;
            case Form.PartialTwiceBothAttributed:
                declarations.Add(Declaration("public partial class " + name, body));
                declarations.Add("[Dsnet(" + Literal(random, ValidModels[random.Next(ValidModels.Length)]) + ")]\npublic partial class " + name + "\n{\n}");
                break;
            case Form.FileLocal:
                declarations.Add(Declaration("file partial class " + name, body));
                break;
            case Form.CollidingMember:
                declarations.Add(Declaration("public partial class " + name, body + "\n    public int Main1 => 1;\n    public static int Spec = 3;"));
                break;
            default:
                categories |= FuzzCategory.PrimaryConstructor;
                declarations.Add(Declaration("public partial class " + name + "(int size)", body + "\n    public int Size => size;"));
                break;
        }

        // Each part in its own file, as partial classes usually are.
        return declarations.Select(declaration => "using Deepstruct;\n" + (ns is null ? declaration + "\n" : "namespace " + ns + "\n{\n" + declaration + "\n}\n"));
    }

    /// <summary>A C# string literal of <paramref name="text"/>: regular (escaped), verbatim or raw.</summary>
    private static string Literal(Random random, string text)
    {
        switch (random.Next(3))
        {
            case 0:
                return "@\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            case 1 when !text.Contains('"', StringComparison.Ordinal) && !text.Contains('\n', StringComparison.Ordinal) && !text.Contains('\r', StringComparison.Ordinal) && text.Length > 0:
                return "\"\"\"" + text + "\"\"\"";
            default:
            {
                var builder = new StringBuilder("\"");
                foreach (var c in text)
                {
                    if (c is >= ' ' and <= '~' && c is not '"' and not '\\')
                    {
                        builder.Append(c);
                    }
                    else
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                }

                return builder.Append('"').ToString();
            }
        }
    }

    /// <summary>The pending categories a language-fuzzed file may fall into, judged conservatively from its text.</summary>
    private static FuzzCategory Classify(string text)
    {
        var categories = FuzzCategory.None;
        if (text.Contains("cell_dan", StringComparison.Ordinal))
        {
            categories |= FuzzCategory.CellDanWithoutCreateCell;
        }

        foreach (System.Text.RegularExpressions.Match match in System.Text.RegularExpressions.Regex.Matches(text, @"\b(?:model|namespace)\s+([A-Za-z_][A-Za-z0-9_.]*)"))
        {
            foreach (var part in match.Groups[1].Value.Split('.'))
            {
                if (Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(part) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None
                    || Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetContextualKeywordKind(part) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None)
                {
                    categories |= FuzzCategory.KeywordName;
                }

                if (MemberNames.Contains(part))
                {
                    categories |= FuzzCategory.GeneratedMemberName;
                }
            }
        }

        return categories;
    }

    private static string CSharpIdentifier(string name) => Keywords.Contains(name) ? "@" + name : name;

    private static string CSharpNamespace(string ns) => string.Join(".", ns.Split('.').Select(CSharpIdentifier));
}
