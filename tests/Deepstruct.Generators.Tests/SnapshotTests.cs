using Deepstruct.Generators.Tests.Infrastructure;

namespace Deepstruct.Generators.Tests;

/// <summary>The generated text of each model kind, compared exactly with the snapshots in Snapshots/.</summary>
public class SnapshotTests
{
    internal const string Models = """
        namespace Examples.Generated;
        structure Diamond { a -> b, c; b, c -> d; a -> d; }
        structure Blocks { block h[3], g[2]; vertex out; h -> g; g -> out; h[0] -> out; }
        model DiamondNet : dan { input 4; output 2; structure Diamond; }
        model BlockNet : dan { input 2x3; output 1; structure Blocks; layer_norm; activation tanh; bias false; }
        model Mnist : ffn { input 1x28x28; hidden 200, 100; output 10; activation gelu; }
        model Seq : rnn { input 1; hidden 100, 100; cell lstm; batch_first; }
        model Cells : cell_dan { input 3x32x32; output 10; structure watts_strogatz(n: 12, k: 4, p: 0.5, seed: 42); }
        """;

    // cell_dan's class is generated only beside the user's CreateCell.
    private const string CellFactory = """
        namespace Examples.Generated;
        public partial class Cells
        {
            private partial TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor> CreateCell(Deepstruct.CellSpec cell) =>
                TorchSharp.torch.nn.Conv2d(cell.InChannels, 1, 1);
        }
        """;

    [Theory]
    [InlineData("DiamondNet")]
    [InlineData("BlockNet")]
    [InlineData("Mnist")]
    [InlineData("Seq")]
    [InlineData("Cells")]
    public void A_dsnet_model_generates_the_expected_text(string model)
    {
        var (result, output) = GeneratorHarness.RunFile("/project/models/nets.dsnet", Models, CellFactory);

        Assert.Empty(result.Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning));
        Snapshot.Verify(GeneratorHarness.GeneratedText(result, "." + model + ".g.cs"), model);
    }

    [Fact]
    public void A_nested_Dsnet_class_keeps_its_namespace_and_containing_types()
    {
        const string source = """
            using Deepstruct;
            namespace App.Models;
            public static partial class Zoo
            {
                [Dsnet(@"dan { input 8; output 1; structure { x -> y -> z; x -> z; } }")]
                internal partial class Inline;
            }
            """;
        var (result, _) = GeneratorHarness.Run([], source);

        Assert.Empty(result.Diagnostics);
        Snapshot.Verify(GeneratorHarness.GeneratedText(result, ".Dsnet.g.cs"), "AttributeInline");
    }

    [Fact]
    public void The_text_is_the_same_on_every_run_and_in_every_culture()
    {
        var first = GeneratorHarness.GeneratedText(GeneratorHarness.RunFile("a.dsnet", Models).Result, ".BlockNet.g.cs");
        var culture = Thread.CurrentThread.CurrentCulture;
        try
        {
            // Swedish prints U+2212 for minus and a comma for the decimal point.
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("sv-SE");
            var second = GeneratorHarness.GeneratedText(GeneratorHarness.RunFile("a.dsnet", Models).Result, ".BlockNet.g.cs");
            Assert.Equal(first, second);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = culture;
        }
    }

    [Fact]
    public void Two_files_of_the_same_name_in_different_folders_get_distinct_hint_names()
    {
        var (result, _) = GeneratorHarness.Run(
        [
            new InMemoryAdditionalText("/p/a/nets.dsnet", "model A : ffn { input 2; hidden 2; output 1; }"),
            new InMemoryAdditionalText("/p/b/nets.dsnet", "model B : ffn { input 2; hidden 2; output 1; }"),
        ]);

        var hints = result.Results.SelectMany(r => r.GeneratedSources).Select(s => s.HintName).ToList();
        Assert.Equal(2, hints.Count);
        Assert.NotEqual(hints[0].Split('.')[1], hints[1].Split('.')[1]);
    }

    [Fact]
    public void A_dsnet_models_hint_name_does_not_depend_on_the_folder_the_project_is_in()
    {
        const string Text = "namespace App;\nmodel Net : ffn { input 2; hidden 2; output 1; }\nmodel NET : ffn { input 2; hidden 2; output 1; }\n";
        var (here, _) = GeneratorHarness.Run([new InMemoryAdditionalText("/home/ci/work/project/models/nets.dsnet", Text)]);
        var (there, _) = GeneratorHarness.Run([new InMemoryAdditionalText("/tmp/elsewhere/src/project/models/nets.dsnet", Text)]);

        // A build from another folder gives the same generated file names (reproducible builds, PDBs).
        var hintsHere = here.Results.SelectMany(r => r.GeneratedSources).Select(s => s.HintName).ToList();
        Assert.Equal(2, hintsHere.Count);
        Assert.Equal(hintsHere, there.Results.SelectMany(r => r.GeneratedSources).Select(s => s.HintName));
    }
}
