using System.Text.RegularExpressions;
using Deepstruct.Generators.Tests.Infrastructure;
using TorchSharp;

namespace Deepstruct.Generators.Tests;

/// <summary>
/// As a user: pack the Deepstruct package, create a brand-new console project in a temp folder,
/// add the package from a local folder feed, drop in a .dsnet file and a [Dsnet] class, build and
/// run a forward pass; also a pruned DAN compacted here, written as .dsnet with its state_dict, rebuilt
/// in the new process through the generator with the pruned model's outputs; then add a cyclic
/// structure and see the build fail with DS2001 at that file's line and column, once. One project,
/// one restore; everything is deleted afterwards.
/// </summary>
public class EndToEndTests
{
    private const string Models = """
        namespace Consumer.Models;

        structure Diamond { a -> b, c; b, c -> d; a -> d; }
        model DiamondNet : dan { input 4; output 2; structure Diamond; }
        model Mnist : ffn { input 1x28x28; hidden 32, 16; output 10; layer_norm; }
        model Cells : cell_dan { input 3x8x8; output 2; structure Diamond; }
        model Seq : rnn { input 3; hidden 8, 8; cell gru; batch_first; }
        model BigWorld : dan { input 8; output 2; structure watts_strogatz(n: 30000, k: 4, p: 0.5, seed: 1); }
        """;

    private const string Program = """
        using Consumer.Models;
        using Deepstruct;
        using TorchSharp;

        var dan = new DiamondNet();
        using var y = dan.call(torch.ones(3, DiamondNet.Spec.InputSize));
        Console.WriteLine($"DiamondNet {string.Join("x", y.shape)} layers {DiamondNet.Spec.LayerCount} {dan.LayerCount} main1 {dan.Main1.Mask.sum().item<long>()}");
        var ffn = new Mnist();
        using var z = ffn.call(torch.ones(2, 1, 28, 28));
        Console.WriteLine($"Mnist {string.Join("x", z.shape)}");
        var world = new SmallWorld();
        using var w = world.call(torch.ones(1, 16));
        Console.WriteLine($"SmallWorld {string.Join("x", w.shape)} vertices {SmallWorld.Spec.Structure.VertexCount} {world.Structure.VertexCount}");
        var cells = new Cells();
        using var c = cells.call(torch.ones(2, 3, 8, 8));
        Console.WriteLine($"Cells {string.Join("x", c.shape)} cells {cells.Cells.Count}");
        var seq = new Seq();
        using var s = seq.call(torch.ones(2, 5, 3));
        Console.WriteLine($"Seq {string.Join("x", s.shape)}");
        torch.set_num_threads(1);
        var big = new BigWorld();
        using var sgd = torch.optim.SGD(big.parameters(), 0.01);
        using var bigInput = torch.randn(4, BigWorld.Spec.InputSize);
        using var bigLoss = big.call(bigInput).square().mean();
        bigLoss.backward();
        sgd.step();
        Console.WriteLine($"BigWorld {big.Representation} edges {big.EdgeCount} parameters {big.ParameterCount} loss {(float.IsFinite(bigLoss.item<float>()) ? "finite" : "not finite")}");
        var compact = new CompactNet();
        compact.load("compact.bin");
        compact.eval();
        using var cy = compact.call(torch.linspace(-2, 2, 8 * CompactNet.Spec.InputSize).reshape(8, CompactNet.Spec.InputSize));
        Console.WriteLine("CompactNet " + string.Join(" ", cy.data<float>().ToArray().Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))));

        [Dsnet("dan { input 16; output 3; structure watts_strogatz(n: 20, k: 4, p: 0.5, seed: 1); }")]
        public partial class SmallWorld;

        namespace Consumer.Models
        {
            public partial class Cells
            {
                private partial TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor> CreateCell(CellSpec cell) =>
                    TorchSharp.torch.nn.Conv2d(cell.InChannels, 1, 3, padding: 1);
            }
        }
        """;

    private const string Cyclic = "structure Loop {\n    a -> b;\n    b -> c;\n    c -> a;\n}\nmodel LoopNet : dan { input 3; output 1; structure Loop; }\n";

    [Fact]
    public void A_new_console_project_builds_and_runs_generated_models_and_reports_a_cycle_once()
    {
        var root = DotnetCli.RepositoryRoot();
        var work = Directory.CreateTempSubdirectory("deepstruct-e2e-");
        var version = "0.1.0-e2e" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        try
        {
            var feed = Directory.CreateDirectory(Path.Combine(work.FullName, "feed")).FullName;
            var pack = DotnetCli.Run(root, "pack", Path.Combine(root, "src", "Deepstruct.Runtime"), "-c", "Release", "-o", feed, "-p:Version=" + version);
            Assert.True(pack.ExitCode == 0, pack.Output);
            AssertPackageMetadata(Path.Combine(feed, "Deepstruct." + version + ".nupkg"));

            var app = Directory.CreateDirectory(Path.Combine(work.FullName, "App")).FullName;
            var created = DotnetCli.Run(app, "new", "console", "--framework", "net10.0", "--name", "Consumer", "--output", app);
            Assert.True(created.ExitCode == 0, created.Output);
            File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="deepstruct-local" value="{feed}" />
                  </packageSources>
                </configuration>
                """);
            var added = DotnetCli.Run(app, "add", "package", "Deepstruct", "--version", version);
            Assert.True(added.ExitCode == 0, added.Output);

            Directory.CreateDirectory(Path.Combine(app, "models"));
            File.WriteAllText(Path.Combine(app, "models", "nets.dsnet"), Models);
            using var pruned = PrunedDan();
            var expected = CompactedInto(pruned, app);
            File.WriteAllText(Path.Combine(app, "Program.cs"), Program);

            var build = DotnetCli.Run(app, "build", "-tl:off");
            Assert.True(build.ExitCode == 0, build.Output);
            // (TorchSharp's own dependencies give NuGet warnings NU1603 here; none may come from the compiler or from us.)
            Assert.DoesNotMatch(@"warning (CS|DS|AD|RS)\d+", build.Output);

            var run = DotnetCli.Run(app, "run", "--no-build");
            Assert.True(run.ExitCode == 0, run.Output);
            Assert.Contains("DiamondNet 3x2 layers 3 3 main1 2", run.Output, StringComparison.Ordinal);
            Assert.Contains("Mnist 2x10", run.Output, StringComparison.Ordinal);
            Assert.Contains("SmallWorld 1x3 vertices 20 20", run.Output, StringComparison.Ordinal);
            Assert.Contains("Cells 2x2 cells 4", run.Output, StringComparison.Ordinal);
            Assert.Contains("Seq 2x8", run.Output, StringComparison.Ordinal);
            // watts_strogatz(30000): 60,000 edges of 387 million dense fused entries, so Auto stores them per edge.
            Assert.Matches(@"BigWorld Edges edges 60000 parameters \d+ loss finite", run.Output);
            AssertCompactNetOutputs(expected, run.Output);

            File.WriteAllText(Path.Combine(app, "models", "cyclic.dsnet"), Cyclic);
            // A file log without the summary, which would repeat every error.
            var log = Path.Combine(work.FullName, "broken.log");
            var broken = DotnetCli.Run(app, "build", "-tl:off", "-flp:logfile=" + log + ";verbosity=minimal;NoSummary");
            Assert.NotEqual(0, broken.ExitCode);
            var errors = Regex.Matches(File.ReadAllText(log), @"cyclic\.dsnet\((\d+),(\d+)\): error (DS\d+): ([^\r\n\[]*)");
            var error = Assert.Single(errors);
            Assert.Equal(("4", "5", "DS2001"), (error.Groups[1].Value, error.Groups[2].Value, error.Groups[3].Value));
            Assert.Contains("a -> b -> c -> a", error.Groups[4].Value, StringComparison.Ordinal);

            // Used from C#, the broken model's class is missing: csc then skips analyzers, but the
            // cause is still reported, once, beside the C# error it brings.
            // A typo inside a [Dsnet] string in the same build is reported inside the literal.
            var programPath = Path.Combine(app, "Program.cs");
            File.AppendAllText(programPath, "\nstatic class UsesLoop { public static object Make() => new LoopNet(); }\n"
                + "[Dsnet(\"dan { input 4; output 2; structure balanced_tre(2, 3); }\")]\npublic partial class Typo;\n");
            var programLines = File.ReadAllLines(programPath);
            var typoLine = Array.FindIndex(programLines, line => line.Contains("balanced_tre(", StringComparison.Ordinal));
            var typoColumn = programLines[typoLine].IndexOf("balanced_tre", StringComparison.Ordinal);
            var usedLog = Path.Combine(work.FullName, "used.log");
            var used = DotnetCli.Run(app, "build", "-tl:off", "-flp:logfile=" + usedLog + ";verbosity=minimal;NoSummary");
            Assert.NotEqual(0, used.ExitCode);
            var usedText = File.ReadAllText(usedLog);
            var cause = Assert.Single(Regex.Matches(usedText, @"cyclic\.dsnet\((\d+),(\d+)\): error (DS\d+)"));
            Assert.Equal(("4", "5", "DS2001"), (cause.Groups[1].Value, cause.Groups[2].Value, cause.Groups[3].Value));
            Assert.Matches(@"Program\.cs\(\d+,\d+\): error CS0246: [^\r\n]*LoopNet", usedText);
            var typo = Assert.Single(Regex.Matches(usedText, @"Program\.cs\((\d+),(\d+)\): error (DS\d+): [^\r\n]*balanced_tre"));
            Assert.Equal(($"{typoLine + 1}", $"{typoColumn + 1}", "DS2003"), (typo.Groups[1].Value, typo.Groups[2].Value, typo.Groups[3].Value));
        }
        finally
        {
            // The app's output holds ~600 MB of LibTorch natives; the cached test package is one-off.
            work.Delete(recursive: true);
            var cached = Path.Combine(packages, "deepstruct", version);
            if (Directory.Exists(cached))
            {
                Directory.Delete(cached, recursive: true);
            }
        }
    }

    private static MaskedDeepDan PrunedDan()
    {
        torch.manual_seed(5);
        var pruned = new MaskedDeepDan(4, 2, Structures.StructureFamilies.WattsStrogatz(16, 4, 0.5, seed: 5), new DanOptions { Activation = Activation.Tanh });
        NeuronPruning.Prune(pruned, 30);
        Pruning.PruneNetworkBySaliency(pruned, 40);
        return pruned;
    }

    // Compacts the pruned DAN into the app as models/compact.dsnet and compact.bin; returns the pruned model's outputs on the app's input.
    private static float[] CompactedInto(MaskedDeepDan pruned, string app)
    {
        var result = Compaction.Compact(pruned);
        using var compacted = result.Model;
        Assert.True(compacted.Structure.VertexCount < 16, result.ToString());
        File.WriteAllText(Path.Combine(app, "models", "compact.dsnet"), "namespace Consumer.Models;\n\n" + Compaction.ToDsnet(compacted, "CompactNet"));
        compacted.save(Path.Combine(app, "compact.bin"));
        pruned.eval();
        using var output = pruned.call(torch.linspace(-2, 2, 8 * 4).reshape(8, 4));
        return output.data<float>().ToArray();
    }

    private static void AssertCompactNetOutputs(float[] expected, string output)
    {
        var line = output.Split('\n').Single(text => text.StartsWith("CompactNet ", StringComparison.Ordinal));
        var actual = line["CompactNet ".Length..].Trim().Split(' ').Select(value => float.Parse(value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(expected.Length, actual.Length);
        var scale = expected.Max(Math.Abs);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5 * scale, $"output {i}: {actual[i]} instead of {expected[i]}");
        }
    }

    // What a gallery and a consumer read from the package: licence, readme, address, tags, and the
    // compiled build task (no task source compiled in the consumer's build).
    private static void AssertPackageMetadata(string nupkg)
    {
        using var archive = System.IO.Compression.ZipFile.OpenRead(nupkg);
        var entries = archive.Entries.Select(entry => entry.FullName).ToList();
        Assert.Contains("README.md", entries);
        Assert.Contains("tasks/netstandard2.0/Deepstruct.Build.Tasks.dll", entries);
        Assert.DoesNotContain(entries, entry => entry.EndsWith(".cs", StringComparison.Ordinal));
        using var reader = new StreamReader(archive.GetEntry("Deepstruct.nuspec")!.Open());
        var nuspec = System.Xml.Linq.XDocument.Parse(reader.ReadToEnd());
        string? Element(string name) => nuspec.Descendants().FirstOrDefault(element => element.Name.LocalName == name)?.Value;
        Assert.Equal("MIT", Element("license"));
        Assert.Equal("README.md", Element("readme"));
        Assert.False(string.IsNullOrWhiteSpace(Element("projectUrl")));
        Assert.Contains("sparse", Element("tags") ?? string.Empty, StringComparison.Ordinal);
    }
}
