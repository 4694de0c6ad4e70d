using Deepstruct.Binding;
using Deepstruct.Generators.Emit;
using Deepstruct.Generators.Pipeline;

namespace Deepstruct.Generators.Tests;

/// <summary>The member names the DS3002 checks use are those the emitters write, and the file step stops when cancelled.</summary>
public class EmitterTests
{
    private static IEnumerable<ModelSpec> SnapshotSpecs() =>
        DsnetCompiler.Compile(SnapshotTests.Models).Models
            .Select(model => ModelSpecBuilder.Build(model, "Examples.Generated", EquatableArray<string>.Empty, model.Name + ".g.cs", fromFile: true, "nets.dsnet"));

    [Fact]
    public void The_snapshot_models_have_one_spec_of_each_kind()
    {
        Assert.Equal(
            new[] { typeof(CellDanSpec), typeof(DanSpec), typeof(FfnSpec), typeof(RnnSpec) },
            SnapshotSpecs().Select(spec => spec.GetType()).Distinct().OrderBy(type => type.Name));
    }

    [Fact]
    public void Every_named_member_declares_its_name_in_the_text_it_writes()
    {
        foreach (var spec in SnapshotSpecs())
        {
            foreach (var member in ModelEmitter.For(spec).Members().Where(member => member.Name is not null))
            {
                var writer = new CodeWriter();
                member.Write(writer);
                var declared = member.Name == GeneratedMember.Constructor ? spec.Class.ClassName + "()" : " " + member.Name;
                Assert.Contains(declared, writer.ToString(), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Every_member_name_an_emitter_writes_passes_the_cheap_name_test()
    {
        var names = SnapshotSpecs().SelectMany(spec => ModelEmitter.For(spec).Members()).Select(member => member.Name).OfType<string>()
            .Where(name => name != GeneratedMember.Constructor).Distinct().ToList();

        Assert.Contains("Skip0To2", names);
        Assert.Contains("CreateCell", names);
        Assert.All(names, name => Assert.True(MemberNameShapes.MayBeNamedLikeAMember(name), name));
        Assert.False(MemberNameShapes.MayBeNamedLikeAMember("Mnist"));
    }

    [Fact]
    public void A_member_the_user_implements_is_no_collision_but_the_class_may_not_take_its_name()
    {
        var cells = Assert.IsType<CellDanSpec>(SnapshotSpecs().Single(spec => spec.Kind == ModelKind.CellDan));
        var emitter = ModelEmitter.For(cells);

        Assert.Equal(new[] { "BuildCell" }, emitter.Collisions(["CreateCell", "BuildCell", "Other"]));
        Assert.True(ModelEmitter.For(cells with { Class = cells.Class with { ClassName = "CreateCell" } }).ClassIsNamedLikeAMember);
    }

    [Fact]
    public void The_file_step_stops_when_cancelled()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => ModelSources.FromFile(new DsnetFileText("/p/nets.dsnet", SnapshotTests.Models), null, cancelled.Token));
    }
}
