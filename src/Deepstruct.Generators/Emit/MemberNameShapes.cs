using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Deepstruct.Binding;
using Deepstruct.Generators.Pipeline;

namespace Deepstruct.Generators.Emit;

/// <summary>
/// Whether a model's name might be the name of one of its generated members (DS3002), from the name
/// alone: a cheap test, so that the spec, which encodes the structure and plans a DAN's maps, is built
/// only for the rare name that might. The names' shapes (each run of digits folded to one <c>#</c>:
/// <c>Main#</c>, <c>Skip#To#</c>) are the emitters' own, taken from one small spec of each kind that
/// has every sort of member the kind writes; no list of names is kept beside the emitters.
/// </summary>
internal static class MemberNameShapes
{
    private static readonly HashSet<string> Shapes = new(Probes().SelectMany(spec => ModelEmitter.For(spec).Members())
        .Where(member => member.Name is not null)
        .Select(member => Shape(member.Name!)), StringComparer.Ordinal);

    public static bool MayBeNamedLikeAMember(string name) => Shapes.Contains(Shape(name));

    private static string Shape(string name)
    {
        var shape = new StringBuilder(name.Length);
        for (var i = 0; i < name.Length; i++)
        {
            if (name[i] is < '0' or > '9')
            {
                shape.Append(name[i]);
            }
            else if (i == 0 || name[i - 1] is < '0' or > '9')
            {
                shape.Append('#');
            }
        }

        return shape.ToString();
    }

    // A member sort missing here (a new kind, or members only some specs of a kind have) would let
    // a model named like it through to CS0542 in generated code: each probe has every sort.
    private static IEnumerable<ModelSpec> Probes()
    {
        var @class = new ModelClass(string.Empty, null, EquatableArray<string>.Empty, string.Empty, FromFile: true, string.Empty, string.Empty);
        var input = new EquatableArray<long>(ImmutableArray.Create(1L));
        var hidden = new EquatableArray<int>(ImmutableArray.Create(1));
        var options = new MaskedLayerOptions(Activation.ReLU, LayerNorm: false, Bias: true);
        var structure = new StructureSpec(string.Empty, 0, 0, 0, EquatableArray<int>.Empty, EquatableArray<NamedConstant>.Empty);
        yield return new FfnSpec(@class, input, 1, 1, hidden, options);
        yield return new DanSpec(@class, input, 1, 1, structure, DanOptions.Default, MainCount: 1, OmittedMapCount: 0, new EquatableArray<SkipMember>(ImmutableArray.Create(new SkipMember(0, 2, 0))));
        yield return new CellDanSpec(@class, input, 1, 1, structure);
        yield return new RnnSpec(@class, input, 1, hidden, RecurrentCell.Rnn, BatchFirst: false, Activation.Tanh, ActivationWritten: false);
    }
}
