using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Deepstruct.Binding;
using Deepstruct.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Deepstruct.Generators.Tests;

/// <summary>
/// Every fenced code block of README.md and docs/*.md is compiled, read from the repository at test
/// time, so the documentation cannot drift from the code.
/// <list type="bullet">
/// <item><c>```csharp</c>: compiled by Roslyn as a new console project would compile it (the SDK's
/// implicit usings, nullable on, warnings as errors) against the runtime, TorchSharp and QuikGraph, with
/// the source generator running. Top-level statements make a program, anything else a library. A block
/// brings its own <c>using</c> directives.</item>
/// <item><c>```dsnet</c>: compiled by <see cref="DsnetCompiler"/> without any diagnostic;
/// <c>```dsnet-rejected DSxxxx</c>: a deliberately wrong example, which must report DSxxxx.</item>
/// <item><c>```bash</c>, <c>```xml</c>, <c>```</c> (plain text): not compiled.</item>
/// </list>
/// Markers, HTML comments on the lines right before a block (invisible when rendered):
/// <list type="bullet">
/// <item><c>&lt;!-- doc-test: given: STATEMENTS --&gt;</c> (C#): statements the prose presupposes
/// (<c>var model = …</c>), compiled after the block's usings and before its code. Fully qualified names
/// only: a given never adds a <c>using</c>, so a block's usings stay complete.</item>
/// <item><c>&lt;!-- doc-test: with: nets.dsnet, … --&gt;</c> (C#): the named <c>```dsnet</c> blocks of the
/// same file (named by a first line <c>// nets.dsnet</c>, or a path ending so) are the project's .dsnet
/// files, which the generator turns into classes.</item>
/// <item><c>&lt;!-- doc-test: skip: REASON --&gt;</c>: not compiled, for the reason given (an excerpt with
/// elided lines, say). Use sparingly.</item>
/// </list>
/// Failures name the Markdown file and line: the C# is compiled under <c>#line</c> directives.
/// </summary>
public partial class DocumentationCodeBlockTests
{
    private static readonly string[] KnownInfos = ["csharp", "dsnet", "bash", "xml", ""];

    private static readonly string[] KnownMarkers = ["given", "with", "skip"];

    // What `dotnet new console` compiles with (ImplicitUsings enable).
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    // The SDK's default NoWarn: TorchSharp is built against an older framework than the tests run on.
    private static readonly Dictionary<string, ReportDiagnostic> SdkNoWarn = new() { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress };

    private static readonly Lazy<string> LazyRoot = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Deepstruct.sln")))
            {
                return directory.FullName;
            }
        }

        throw new FileNotFoundException($"Deepstruct.sln was not found above {AppContext.BaseDirectory}.");
    });

    private static readonly Lazy<IReadOnlyList<MarkdownCodeBlock>> LazyBlocks = new(() =>
    {
        var root = LazyRoot.Value;
        var files = new[] { Path.Combine(root, "README.md") }
            .Concat(Directory.GetFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
        return [.. files.SelectMany(path => MarkdownCodeBlock.Parse(Path.GetRelativePath(root, path).Replace('\\', '/'), File.ReadAllText(path)))];
    });

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(() =>
    {
        // The generator tests' references (framework, TorchSharp, Deepstruct) and what the package brings besides.
        var quikGraph = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Single(path => Path.GetFileName(path) == "QuikGraph.dll");
        return GeneratorHarness.References.Add(MetadataReference.CreateFromFile(quikGraph));
    });

    private static IReadOnlyList<MarkdownCodeBlock> Blocks => LazyBlocks.Value;

    public static TheoryData<string, int> CSharpBlocks() => Rows(block => block.Info == "csharp");

    public static TheoryData<string, int> DsnetBlocks() => Rows(block => block.Info == "dsnet");

    public static TheoryData<string, int> RejectedDsnetBlocks() => Rows(block => block.Info.StartsWith("dsnet-rejected ", StringComparison.Ordinal));

    [Theory]
    [MemberData(nameof(CSharpBlocks))]
    public void CSharp_blocks_compile_with_the_generator(string file, int fenceLine)
    {
        var block = Find(file, fenceLine);

        var errors = CompileErrors(block, Blocks);

        Assert.True(errors.Count == 0, $"The C# block at {block.Where} does not compile:\n{string.Join("\n", errors.Select(Describe))}");
    }

    [Theory]
    [MemberData(nameof(DsnetBlocks))]
    public void Dsnet_blocks_compile_without_diagnostics(string file, int fenceLine)
    {
        var block = Find(file, fenceLine);

        var result = DsnetCompiler.Compile(block.Code);

        Assert.True(result.Diagnostics.Count == 0, $"The .dsnet block at {block.Where} reports:\n{string.Join("\n", result.Diagnostics.Select(d => Describe(block, d)))}");
    }

    [Theory]
    [MemberData(nameof(RejectedDsnetBlocks))]
    public void Rejected_dsnet_blocks_report_their_error(string file, int fenceLine)
    {
        var block = Find(file, fenceLine);
        var expected = block.Info["dsnet-rejected ".Length..].Trim();

        var result = DsnetCompiler.Compile(block.Code);

        Assert.True(result.Diagnostics.Any(d => d.Id == expected), $"The .dsnet block at {block.Where} should report {expected}; it reports:\n{string.Join("\n", result.Diagnostics.Select(d => Describe(block, d)))}");
    }

    [Fact]
    public void Every_block_is_compiled_or_says_why_not()
    {
        var problems = new List<string>();
        foreach (var block in Blocks)
        {
            if (!KnownInfos.Contains(block.Info) && !block.Info.StartsWith("dsnet-rejected DS", StringComparison.Ordinal))
            {
                problems.Add($"{block.Where}: unknown block language '{block.Info}' (known: {string.Join(", ", KnownInfos)}, dsnet-rejected DSxxxx)");
            }

            foreach (var (line, key, value) in block.Markers)
            {
                if (!KnownMarkers.Contains(key))
                {
                    problems.Add($"{block.File}:{line}: unknown doc-test marker '{key}' (known: {string.Join(", ", KnownMarkers)})");
                }
                else if (value.Length == 0)
                {
                    problems.Add($"{block.File}:{line}: the doc-test marker '{key}' needs a value");
                }
                else if (key is "given" or "with" && block.Info != "csharp")
                {
                    problems.Add($"{block.File}:{line}: '{key}' applies to csharp blocks only");
                }
            }

            if (block.Marker("given") is { } given && CSharpSyntaxTree.ParseText(given.Value, GeneratorHarness.ParseOptions).GetCompilationUnitRoot().Usings.Count > 0)
            {
                problems.Add($"{block.File}:{given.Line}: a given must not add using directives (write full names)");
            }

            if (block.Info == "csharp")
            {
                try
                {
                    _ = DsnetFilesFor(block, Blocks);
                }
                catch (InvalidOperationException e)
                {
                    problems.Add(e.Message);
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Blocks_named_after_a_repository_file_are_excerpts_of_it()
    {
        // A block whose first line names a file of the repository (`// samples/…/Quickstart.dsnet`) shows
        // its lines, in order, perhaps leaving some out.
        var named = Blocks.Select(block => (Block: block, Path: FirstLineName(block)))
            .Where(pair => pair.Path is not null && File.Exists(Path.Combine(LazyRoot.Value, pair.Path)))
            .ToList();

        Assert.NotEmpty(named);
        foreach (var (block, path) in named)
        {
            var file = File.ReadAllLines(Path.Combine(LazyRoot.Value, path!)).Select(line => line.TrimEnd()).ToList();
            var at = 0;
            foreach (var line in block.Code.Split('\n').Skip(1).Select(line => line.TrimEnd()).Where(line => line.Length > 0))
            {
                at = file.IndexOf(line, at) + 1;
                Assert.True(at > 0, $"{block.Where}: '{line}' is not in {path} (after the lines before it)");
            }
        }
    }

    [Fact]
    public void Package_references_in_the_docs_name_the_package_id()
    {
        var project = XDocument.Load(Path.Combine(LazyRoot.Value, "src", "Deepstruct.Runtime", "Deepstruct.Runtime.csproj"));
        var packageId = project.Descendants("PackageId").Single().Value.Trim();
        var references = Blocks
            .SelectMany(block => PackageReference().Matches(block.Code).Select(match => (block.Where, Id: match.Groups["id"].Value)))
            .ToList();

        Assert.Contains(references, reference => reference.Id == packageId);
        Assert.All(references, reference => Assert.True(reference.Id == packageId, $"{reference.Where} names the package '{reference.Id}'; its id is '{packageId}'"));
    }

    [Fact]
    public void The_docs_have_blocks_of_every_sort()
    {
        // Guards the extraction itself: a parser that found nothing would pass every theory.
        Assert.Contains(Blocks, block => block.File == "README.md" && block.Info == "csharp");
        Assert.True(CSharpBlocks().Count >= 15, $"{CSharpBlocks().Count} C# blocks");
        Assert.True(DsnetBlocks().Count >= 10, $"{DsnetBlocks().Count} dsnet blocks");
        Assert.True(RejectedDsnetBlocks().Count >= 2, $"{RejectedDsnetBlocks().Count} rejected dsnet blocks");
        Assert.Contains(Blocks, block => block.Marker("with") is not null);
    }

    [Fact]
    public void A_block_with_an_error_fails_at_its_markdown_line()
    {
        // The machinery itself: a wrong snippet is reported at the Markdown file and line, given code included.
        var block = MarkdownCodeBlock.Parse("docs/example.md", "Text\n\n<!-- doc-test: given: var n = 1; -->\n```csharp\nusing Deepstruct;\n\nvar x = n + undefinedName;\n```\n").Single();

        var errors = CompileErrors(block, [block]);

        var error = Assert.Single(errors);
        Assert.Equal("docs/example.md(7,13): CS0103: The name 'undefinedName' does not exist in the current context", Describe(error));
    }

    [Fact]
    public void A_block_fails_on_a_model_error_in_its_dsnet_file_or_attribute()
    {
        const string Doc = """
            ```dsnet
            // models/loop.dsnet
            structure Loop { a -> b; b -> a; }
            model LoopNet : dan { input 2; output 1; structure Loop; }
            ```

            <!-- doc-test: with: loop.dsnet -->
            ```csharp
            using Deepstruct;

            [Dsnet("ffn { input 0; hidden 2; output 1; }")]
            public partial class Empty;
            ```
            """;
        var blocks = MarkdownCodeBlock.Parse("docs/example.md", Doc);

        var errors = CompileErrors(blocks[1], blocks);

        Assert.Contains(errors, error => error.Id == "DS2001" && error.Location.GetLineSpan().Path == "loop.dsnet");
        Assert.Contains(errors, error => error.Id == "DS2005");
    }

    [Fact]
    public void Markers_are_read_with_their_lines_and_must_precede_a_block()
    {
        var block = MarkdownCodeBlock.Parse("a.md", "<!-- doc-test: skip: an excerpt -->\n<!-- doc-test: given: var a = 1;\n     var b = 2; -->\n```csharp\nvar c = a + b;\n```\n").Single();

        Assert.Equal([(1, "skip", "an excerpt"), (2, "given", "var a = 1;\n     var b = 2;")], block.Markers);
        Assert.Equal(4, block.FenceLine);
        Assert.Throws<FormatException>(() => MarkdownCodeBlock.Parse("a.md", "<!-- doc-test: skip: no block -->\nSome prose.\n"));
        Assert.Throws<FormatException>(() => MarkdownCodeBlock.Parse("a.md", "<!-- doc-test skip -->\n```csharp\n```\n"));
    }

    private static TheoryData<string, int> Rows(Func<MarkdownCodeBlock, bool> predicate)
    {
        var data = new TheoryData<string, int>();
        foreach (var block in Blocks.Where(block => predicate(block) && block.Marker("skip") is null))
        {
            data.Add(block.File, block.FenceLine);
        }

        return data;
    }

    /// <summary>The errors of a C# block compiled as a console project with the package would compile it.</summary>
    private static List<Diagnostic> CompileErrors(MarkdownCodeBlock block, IReadOnlyList<MarkdownCodeBlock> blocks)
    {
        var files = DsnetFilesFor(block, blocks);
        var snippet = CSharpSyntaxTree.ParseText(SnippetSource(block), GeneratorHarness.ParseOptions, path: block.File + ".cs", encoding: Encoding.UTF8);
        var outputKind = snippet.GetCompilationUnitRoot().Members.OfType<GlobalStatementSyntax>().Any() ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary;
        var compilation = CSharpCompilation.Create(
            "DocSnippet",
            [CSharpSyntaxTree.ParseText(ImplicitUsings, GeneratorHarness.ParseOptions, path: "GlobalUsings.g.cs"), snippet],
            LazyReferences.Value,
            new CSharpCompilationOptions(outputKind, nullableContextOptions: NullableContextOptions.Enable, generalDiagnosticOption: ReportDiagnostic.Error)
                .WithSpecificDiagnosticOptions(SdkNoWarn));

        // The generator reports the DS diagnostics, as in a command-line build.
        GeneratorHarness.Driver(files, rootNamespace: "DocSnippet", diagnosticsReporter: "generator")
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);

        return [.. generatorDiagnostics.Concat(output.GetDiagnostics()).Where(d => d.Severity == DiagnosticSeverity.Error)];
    }

    private static MarkdownCodeBlock Find(string file, int fenceLine) => Blocks.Single(block => block.File == file && block.FenceLine == fenceLine);

    /// <summary>The block as a C# file: its usings, the given statements, its code, mapped to the Markdown lines.</summary>
    private static string SnippetSource(MarkdownCodeBlock block)
    {
        var lines = block.Code.Split('\n');
        var usings = CSharpSyntaxTree.ParseText(block.Code, GeneratorHarness.ParseOptions).GetCompilationUnitRoot().Usings;
        var split = usings.Count == 0 ? 0 : usings[^1].GetLocation().GetLineSpan().EndLinePosition.Line + 1;
        var source = new StringBuilder();
        source.Append("#line ").Append(block.CodeLine).Append(" \"").Append(block.File).Append("\"\n");
        foreach (var line in lines[..split])
        {
            source.Append(line).Append('\n');
        }

        if (block.Marker("given") is { } given)
        {
            source.Append("#line ").Append(given.Line).Append(" \"").Append(block.File).Append("\"\n");
            source.Append(given.Value).Append('\n');
        }

        source.Append("#line ").Append(block.CodeLine + split).Append(" \"").Append(block.File).Append("\"\n");
        foreach (var line in lines[split..])
        {
            source.Append(line).Append('\n');
        }

        return source.ToString();
    }

    /// <summary>The .dsnet blocks a C# block names with <c>with:</c>, as the project's additional files.</summary>
    private static List<AdditionalText> DsnetFilesFor(MarkdownCodeBlock block, IReadOnlyList<MarkdownCodeBlock> blocks)
    {
        var files = new List<AdditionalText>();
        if (block.Marker("with") is not { } with)
        {
            return files;
        }

        foreach (var name in with.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var named = blocks.Where(other => other.File == block.File && other.Info == "dsnet" && NameOf(other) is { } path
                && (path == name || path.EndsWith("/" + name, StringComparison.Ordinal))).ToList();
            if (named.Count != 1)
            {
                throw new InvalidOperationException($"{block.File}:{with.Line}: 'with: {name}' names {named.Count} dsnet blocks of {block.File} (a block is named by a first line '// {name}')");
            }

            files.Add(new InMemoryAdditionalText(name, named[0].Code));
        }

        return files;
    }

    private static string? NameOf(MarkdownCodeBlock block) => FirstLineName(block) is { } name && name.EndsWith(".dsnet", StringComparison.Ordinal) ? name : null;

    /// <summary>The file a block names in a first-line comment (<c>// nets.dsnet</c>, <c>// Program.cs</c>), if any.</summary>
    private static string? FirstLineName(MarkdownCodeBlock block)
    {
        var first = block.Code.Split('\n')[0].Trim();
        return first.StartsWith("//", StringComparison.Ordinal) && first[2..].Trim() is var name && name.Length > 0 && !name.Contains(' ', StringComparison.Ordinal) && name.Contains('.', StringComparison.Ordinal)
            ? name
            : null;
    }

    private static string Describe(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetMappedLineSpan();
        var where = diagnostic.Location.IsInSource || span.IsValid ? $"{span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})" : "(no location)";
        return $"{where}: {diagnostic.Id}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    private static string Describe(MarkdownCodeBlock block, Deepstruct.Diagnostics.Diagnostic diagnostic) =>
        $"{block.File}({block.CodeLine + diagnostic.Span.Line - 1},{diagnostic.Span.Column}): {diagnostic.Id}: {diagnostic.Message}";

    // The Deepstruct packages a project file or a `dotnet add package` names (not TorchSharp's libtorch-*).
    [GeneratedRegex(@"(?:PackageReference\s+Include=""|dotnet add package\s+)(?<id>Deepstruct[\w.]*)")]
    private static partial Regex PackageReference();
}
