using Deepstruct.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Deepstruct.Generators.Roslyn48Tests;

/// <summary>The generator and the analyzer under the Roslyn 4.8.0 compiler, the oldest they support.</summary>
public class Roslyn48Tests
{
    private const string Models = """
        namespace Floor;
        structure Diamond { a -> b, c; b, c -> d; a -> d; }
        model DiamondNet : dan { input 4; output 2; structure Diamond; }
        model Mnist : ffn { input 1x4x4; hidden 8; output 3; }
        """;

    private const string Attributed = """
        using Deepstruct;
        namespace Floor;
        [Dsnet(@"dan { input 8; output 1; structure { x -> y -> z; x -> z; } }")]
        public partial class Inline;
        public static class Use
        {
            public static object[] Make() => new object[] { new DiamondNet(), new Mnist(), new Inline(), DiamondNet.Vertices.d, new DiamondNet().Skip0To2 };
        }
        """;

    [Fact]
    public void The_compiler_is_Roslyn_4_8()
    {
        Assert.Equal(new Version(4, 8, 0, 0), typeof(Compilation).Assembly.GetName().Version);
    }

    [Fact]
    public void Files_and_attributes_generate_code_that_compiles_and_loads()
    {
        var (result, output) = GeneratorHarness.RunFile("/p/models/nets.dsnet", Models, Attributed);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(3, result.Results.Single().GeneratedSources.Length);
        var assembly = GeneratorHarness.Load(output);
        Assert.NotNull(assembly.GetType("Floor.DiamondNet"));
        Assert.NotNull(assembly.GetType("Floor.Inline"));
    }

    [Fact]
    public void Diagnostics_come_from_the_analyzer_or_the_generator_at_their_place()
    {
        var files = new[] { new InMemoryAdditionalText("/p/loop.dsnet", "structure Loop {\n    a -> b;\n    b -> c;\n    c -> a;\n}\n") };

        var (silent, output) = GeneratorHarness.Run(files);
        var analyzed = Assert.Single(GeneratorHarness.Analyze(output, files));
        var (reporting, _) = GeneratorHarness.RunReportingFrom("generator", files);
        var generated = Assert.Single(reporting.Diagnostics);

        Assert.Empty(silent.Diagnostics);
        foreach (var diagnostic in new[] { analyzed, generated })
        {
            Assert.Equal("DS2001", diagnostic.Id);
            Assert.Equal((3, 4), (diagnostic.Location.GetLineSpan().StartLinePosition.Line, diagnostic.Location.GetLineSpan().StartLinePosition.Character));
        }
    }
}
