using System.Reflection;
using Deepstruct.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Deepstruct.Generators.Tests;

/// <summary>
/// The generated class is a drop-in for its base class: code written against <c>MaskedDeepDan</c> and
/// the others compiles unchanged when the variable has the generated type, because no generated
/// member hides an inherited one. The model's facts stay reachable without an instance, in <c>Spec</c>.
/// </summary>
public class GeneratedShapeTests
{
    private const string Models = """
        namespace Shapes;
        structure Diamond { a -> b, c; b, c -> d; a -> d; }
        model PriorNet : dan { input 2x2; output 2; structure Diamond; }
        model Mnist : ffn { input 1x4x4; hidden 8, 6; output 3; }
        model Cells : cell_dan { input 2x6x6; output 3; structure Diamond; }
        model Seq : rnn { input 3; hidden 8, 6; cell gru; }
        """;

    private const string CellFactory = """
        namespace Shapes;
        public partial class Cells
        {
            private partial TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor> CreateCell(Deepstruct.CellSpec cell) =>
                TorchSharp.torch.nn.Conv2d(cell.InChannels, 1, 1);
        }
        """;

    private static readonly Lazy<Assembly> Generated = new(() =>
    {
        var (result, output) = GeneratorHarness.RunFile("/p/shapes.dsnet", Models, CellFactory);
        Assert.Empty(result.Diagnostics);
        return GeneratorHarness.Load(output);
    });

    // The public instance properties each base class has, read through a variable of the generated type.
    [Theory]
    [InlineData("PriorNet", "int n = g.InputSize; int o = g.OutputSize; int l = g.LayerCount; long s = g.InputShape[0]; var t = g.Structure.VertexCount;")]
    [InlineData("Mnist", "int n = g.InputSize; int o = g.OutputSize; long s = g.InputShape[0]; int h = g.HiddenSizes[0];")]
    [InlineData("Cells", "int o = g.OutputSize; long s = g.InputShape[0]; var t = g.Structure.VertexCount;")]
    [InlineData("Seq", "int n = g.InputSize; int o = g.OutputSize; int h = g.HiddenSizes[0];")]
    public void Code_written_against_the_base_class_compiles_with_the_generated_type(string model, string statements)
    {
        var user = "namespace Shapes;\npublic static class User\n{\n    public static void Use()\n    {\n        var g = new " + model + "();\n        " + statements + "\n    }\n}\n";
        var (result, output) = GeneratorHarness.RunFile("/p/shapes.dsnet", Models, CellFactory, user);

        Assert.Empty(result.Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Theory]
    [InlineData("PriorNet")]
    [InlineData("Mnist")]
    [InlineData("Cells")]
    [InlineData("Seq")]
    public void No_generated_member_hides_an_inherited_member(string model)
    {
        var type = Generated.Value.GetType("Shapes." + model, throwOnError: true)!;
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var inherited = new HashSet<string>(StringComparer.Ordinal);
        for (var baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
        {
            foreach (var member in baseType.GetMembers(all).Where(IsVisibleToDerived))
            {
                inherited.Add(member.Name);
            }
        }

        var hiding = type.GetMembers(all)
            .Where(member => member is not ConstructorInfo && !IsOverride(member) && !IsAccessorOf(member, type))
            .Where(member => inherited.Contains(member.Name))
            .Select(member => member.Name)
            .ToList();

        Assert.Contains("OutputSize", inherited);
        Assert.Empty(hiding);
    }

    [Fact]
    public void The_model_facts_are_reachable_without_an_instance_in_Spec()
    {
        const string user = """
            namespace Shapes;
            public static class Facts
            {
                public static object[] Read() =>
                [
                    PriorNet.Spec.InputSize, PriorNet.Spec.InputShape, PriorNet.Spec.OutputSize, PriorNet.Spec.LayerCount, PriorNet.Spec.LayerSizes, PriorNet.Spec.Structure,
                    PriorNet.Vertices.a, Mnist.Spec.InputSize, Mnist.Spec.LayerSizes, Mnist.Spec.OutputSize,
                    Cells.Spec.Structure, Cells.Spec.OutputSize, Seq.Spec.InputSize, Seq.Spec.LayerCount,
                ];
            }
            """;
        var (result, output) = GeneratorHarness.RunFile("/p/shapes.dsnet", Models, CellFactory, user);

        Assert.Empty(result.Diagnostics);
        var assembly = GeneratorHarness.Load(output);
        var facts = (object[])assembly.GetType("Shapes.Facts", throwOnError: true)!.GetMethod("Read")!.Invoke(null, null)!;
        Assert.Equal(4, facts[0]);
        Assert.Equal([2L, 2L], (IReadOnlyList<long>)facts[1]);
        Assert.Equal(2, facts[2]);
        Assert.Equal(3, facts[3]);
        Assert.Equal([1, 2, 1], (IReadOnlyList<int>)facts[4]);
        Assert.Equal(4, ((Deepstruct.Structures.Structure)facts[5]).VertexCount);
        Assert.Equal([8, 6], (IReadOnlyList<int>)facts[8]);
        Assert.Equal(2, facts[13]);
    }

    private static bool IsVisibleToDerived(MemberInfo member) => member switch
    {
        MethodBase method => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly,
        FieldInfo field => field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly,
        PropertyInfo property => property.GetAccessors(nonPublic: true).Any(IsVisibleToDerived),
        EventInfo @event => @event.AddMethod is { } add && IsVisibleToDerived(add),
        Type nested => nested.IsNestedPublic || nested.IsNestedFamily || nested.IsNestedFamORAssem,
        _ => false,
    };

    private static bool IsOverride(MemberInfo member) => member switch
    {
        MethodInfo method => method.GetBaseDefinition().DeclaringType != method.DeclaringType,
        PropertyInfo property => property.GetAccessors(nonPublic: true).Any(accessor => accessor.GetBaseDefinition().DeclaringType != accessor.DeclaringType),
        _ => false,
    };

    // get_X/set_X of the type's own properties are judged with the property.
    private static bool IsAccessorOf(MemberInfo member, Type type) =>
        member is MethodInfo { IsSpecialName: true } method && type.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Any(property => property.GetAccessors(nonPublic: true).Contains(method));
}
