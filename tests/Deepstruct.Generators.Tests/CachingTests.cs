using System.Collections;
using System.Reflection;
using Deepstruct.Generators.Pipeline;
using Deepstruct.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Deepstruct.Generators.Tests;

/// <summary>Unrelated edits leave the other models' pipeline steps cached, and pipeline values hold no symbols or compilations.</summary>
public class CachingTests
{
    private const string Attributed = """
        using Deepstruct;
        namespace App;
        [Dsnet("dan { input 4; output 2; structure { a -> b -> c; a -> c; } }")]
        public partial class Triangle;
        """;

    private static readonly AdditionalText First = new InMemoryAdditionalText("/p/first.dsnet", "model A : dan { input 4; output 2; structure path(3); }");
    private static readonly AdditionalText Second = new InMemoryAdditionalText("/p/second.dsnet", "model B : ffn { input 4; hidden 3; output 2; }");

    [Fact]
    public void Editing_an_unrelated_CSharp_file_leaves_every_model_step_cached()
    {
        var compilation = GeneratorHarness.Compilation(Attributed, "class Other { }");
        var driver = GeneratorHarness.Driver([First, Second]).RunGenerators(compilation);

        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.Last(),
            CSharpSyntaxTree.ParseText("class Other { int x; }", GeneratorHarness.ParseOptions, path: "Source1.cs"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAll(result, DsnetGenerator.Steps.FileModels, IncrementalStepRunReason.Cached);
        AssertAll(result, DsnetGenerator.Steps.ClassModels, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertAll(result, DsnetGenerator.Steps.Duplicates, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        Assert.All(result.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(run => run.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void Editing_another_dsnet_file_recompiles_only_that_file()
    {
        var compilation = GeneratorHarness.Compilation(Attributed);
        var driver = GeneratorHarness.Driver([First, Second]).RunGenerators(compilation);

        var edited = new InMemoryAdditionalText("/p/second.dsnet", "model B : ffn { input 4; hidden 5; output 2; }");
        var result = driver.ReplaceAdditionalText(Second, edited).RunGenerators(compilation).GetRunResult().Results.Single();

        var runs = result.TrackedSteps[DsnetGenerator.Steps.FileModels];
        var reasons = runs.Select(run => (Path: ((GeneratedModels)run.Outputs[0].Value).Origin, run.Outputs[0].Reason)).ToList();
        Assert.Contains(("/p/first.dsnet", IncrementalStepRunReason.Cached), reasons);
        Assert.Contains(("/p/second.dsnet", IncrementalStepRunReason.Modified), reasons);
        AssertAll(result, DsnetGenerator.Steps.ClassModels, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void Editing_a_Dsnet_class_file_without_changing_the_model_keeps_its_output_cached()
    {
        var compilation = GeneratorHarness.Compilation(Attributed);
        var driver = GeneratorHarness.Driver([First]).RunGenerators(compilation);

        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.Single(),
            CSharpSyntaxTree.ParseText(Attributed + "\n// a comment\n", GeneratorHarness.ParseOptions, path: "Source0.cs"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAll(result, DsnetGenerator.Steps.ClassModels, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertAll(result, DsnetGenerator.Steps.FileModels, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void Pipeline_values_hold_no_symbols_syntax_or_compilations()
    {
        var forbidden = new[] { typeof(ISymbol), typeof(Compilation), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Location), typeof(Diagnostic), typeof(SemanticModel) };
        foreach (var type in new[] { typeof(ModelSpec), typeof(FfnSpec), typeof(DanSpec), typeof(CellDanSpec), typeof(RnnSpec), typeof(ModelClass), typeof(StructureSpec), typeof(MaskedLayerOptions), typeof(DsnetClassTarget), typeof(DsnetFileText), typeof(GeneratedModels), typeof(NamedConstant), typeof(SkipMember) })
        {
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            {
                var fieldType = field.FieldType;
                var element = fieldType.IsGenericType && fieldType.GetGenericTypeDefinition() == typeof(EquatableArray<>) ? fieldType.GetGenericArguments()[0] : fieldType;
                Assert.DoesNotContain(forbidden, f => f.IsAssignableFrom(element));
                Assert.False(fieldType.IsArray, $"{type.Name}.{field.Name} is an array, which compares by reference");
                Assert.False(typeof(IEnumerable).IsAssignableFrom(fieldType) && fieldType != typeof(string) && element == fieldType,
                    $"{type.Name}.{field.Name} is a collection without value equality");
            }
        }
    }

    private static void AssertAll(GeneratorRunResult result, string step, params IncrementalStepRunReason[] allowed)
    {
        var outputs = result.TrackedSteps[step].SelectMany(run => run.Outputs).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, output => Assert.Contains(output.Reason, allowed));
    }
}
