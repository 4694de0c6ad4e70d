using System.Text;
using BenchmarkDotNet.Attributes;
using Deepstruct.Binding;
using Deepstruct.Structures;

namespace Deepstruct.Benchmarks;

/// <summary>
/// The .dsnet front end on a structure of one million edges: parse + bind + layer index, once with
/// the structure written out edge by edge (17.8 million characters) and once as a family call.
/// </summary>
[MemoryDiagnoser]
public class DsnetFrontEndBenchmarks
{
    private const string FamilyText = "model Net : dan { input 784; output 10; structure watts_strogatz(n: 100000, k: 20, p: 0.1, seed: 1); }";

    private string _writtenOut = null!;

    [GlobalSetup]
    public void Setup()
    {
        var structure = StructureFamilies.WattsStrogatz(100_000, 20, 0.1, 1);
        var text = new StringBuilder("structure Big {\n");
        foreach (var edge in structure.Edges)
        {
            text.Append('v').Append(edge.Source).Append(" -> v").Append(edge.Target).Append(";\n");
        }

        text.Append("}\nmodel Net : dan { input 784; output 10; structure Big; }\n");
        _writtenOut = text.ToString();
        Console.WriteLine($"// written out: {structure.EdgeCount} edges in {_writtenOut.Length} characters");
    }

    [Benchmark]
    public int WrittenOut1MEdges() => DsnetCompiler.Compile(_writtenOut).Models[0].Structure!.LayerCount;

    [Benchmark]
    public int Family1MEdges() => DsnetCompiler.Compile(FamilyText).Models[0].Structure!.LayerCount;
}
