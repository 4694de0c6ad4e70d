using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Deepstruct.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Deepstruct.Benchmarks;

/// <summary>
/// The source generator on DESIGN.md's 1M-edge structure (Watts–Strogatz n = 100,000, k = 20,
/// p = 0.1): a full, uncached generator run over one .dsnet file (front end, wiring plan, compact
/// encoding, C# text), as a model of each kind that embeds the structure.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private const string Structure = "structure World = watts_strogatz(n: 100000, k: 20, p: 0.1, seed: 1);\n";

    private CSharpCompilation _compilation = null!;

    [Params("dan", "cell_dan")]
    public string Kind { get; set; } = "dan";

    private AdditionalText _file = null!;

    [GlobalSetup]
    public void Setup()
    {
        var model = Kind == "dan"
            ? "model Big : dan { input 784; output 10; structure World; }"
            : "model Big : cell_dan { input 3x32x32; output 10; structure World; }";
        _file = new Text("/bench/big.dsnet", Structure + model);
        _compilation = CSharpCompilation.Create("Bench", [], [], new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var result = Run();
        if (result.Results[0].GeneratedSources.Length != 1)
        {
            throw new InvalidOperationException("The generator produced no model: " + result.Results[0].Exception + string.Join("\n", result.Diagnostics));
        }

        var source = result.Results[0].GeneratedSources.Single().SourceText.ToString();
        var blob = source.Split("Decode(StructureData, ")[1].Split(')')[0];
        Console.WriteLine($"// {Kind}: generated {source.Length} characters; embedded structure {blob} bytes for 1,000,000 edges = {int.Parse(blob, System.Globalization.CultureInfo.InvariantCulture) / 1e6:F3} bytes/edge");
    }

    [Benchmark]
    public int Generate1MEdges() => Run().Results[0].GeneratedSources.Length;

    private GeneratorDriverRunResult Run() =>
        CSharpGeneratorDriver.Create([new DsnetGenerator().AsSourceGenerator()], [_file])
            .RunGenerators(_compilation)
            .GetRunResult();

    private sealed class Text(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}
