using System.Text.RegularExpressions;
using Deepstruct.Binding;
using Xunit;

namespace Deepstruct.Dsl.Tests.Language;

/// <summary>
/// Every example of docs/dsnet.md is compiled: <c>```dsnet</c> blocks without any diagnostic,
/// <c>```dsnet-rejected DSxxxx</c> blocks with that error, and the model strings of
/// <c>```csharp</c> blocks (<c>[Dsnet("…")]</c>, <c>CompileModel("…", …)</c>) without any diagnostic.
/// </summary>
public partial class DocumentationExamplesTests
{
    public static TheoryData<int, string> ValidExamples() => Blocks("dsnet");

    public static TheoryData<int, string> RejectedExamples() => Blocks("dsnet-rejected");

    public static TheoryData<int, string> AttributeExamples()
    {
        var data = new TheoryData<int, string>();
        foreach (var (line, code) in FencedBlocks().Where(block => block.Info == "csharp").Select(block => (block.Line, block.Code)))
        {
            foreach (Match match in ModelString().Matches(code))
            {
                data.Add(line, match.Groups["model"].Value);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ValidExamples))]
    public void Valid_examples_compile_without_diagnostics(int line, string code)
    {
        var result = DsnetCompiler.Compile(code);

        Assert.True(result.Diagnostics.Count == 0, $"docs/dsnet.md line {line}: {string.Join("; ", result.Diagnostics)}");
    }

    [Theory]
    [MemberData(nameof(RejectedExamples))]
    public void Rejected_examples_report_their_error(int line, string code)
    {
        var (id, source) = SplitExpectedId(code);
        var result = DsnetCompiler.Compile(source);

        Assert.True(result.Diagnostics.Any(diagnostic => diagnostic.Id == id), $"docs/dsnet.md line {line}: expected {id}, got {string.Join("; ", result.Diagnostics)}");
    }

    [Theory]
    [MemberData(nameof(AttributeExamples))]
    public void Attribute_strings_compile_without_diagnostics(int line, string model)
    {
        var result = DsnetCompiler.CompileModel(model, "Example");

        Assert.True(result.Diagnostics.Count == 0 && result.Models.Count == 1, $"docs/dsnet.md line {line}: {string.Join("; ", result.Diagnostics)}");
    }

    [Fact]
    public void The_guide_has_examples_of_every_sort()
    {
        Assert.True(ValidExamples().Count >= 8);
        Assert.True(RejectedExamples().Count >= 2);
        Assert.True(AttributeExamples().Count >= 2);
    }

    private static TheoryData<int, string> Blocks(string info)
    {
        var data = new TheoryData<int, string>();
        foreach (var block in FencedBlocks().Where(block => block.Info == info || (info == "dsnet-rejected" && block.Info.StartsWith("dsnet-rejected ", StringComparison.Ordinal))))
        {
            data.Add(block.Line, info == "dsnet-rejected" ? $"{block.Info["dsnet-rejected ".Length..]}\n{block.Code}" : block.Code);
        }

        return data;
    }

    private static (string Id, string Source) SplitExpectedId(string code)
    {
        var newline = code.IndexOf('\n', StringComparison.Ordinal);
        return (code.Substring(0, newline).Trim(), code.Substring(newline + 1));
    }

    private static List<(int Line, string Info, string Code)> FencedBlocks()
    {
        var lines = File.ReadAllLines(GuidePath());
        var blocks = new List<(int, string, string)>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("```", StringComparison.Ordinal) || lines[i].Length == 3)
            {
                continue;
            }

            var info = lines[i].Substring(3).Trim();
            var start = i + 1;
            var end = start;
            while (end < lines.Length && lines[end] != "```")
            {
                end++;
            }

            blocks.Add((start, info, string.Join("\n", lines[start..end])));
            i = end;
        }

        return blocks;
    }

    private static string GuidePath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "docs", "dsnet.md");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("docs/dsnet.md was not found above the test directory.");
    }

    [GeneratedRegex("(?:Dsnet|CompileModel)\\(\"(?<model>[^\"]*)\"")]
    private static partial Regex ModelString();
}
