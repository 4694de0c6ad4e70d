using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>
/// A masked weight stored as a contiguous slice of a larger parameter. Autograd, optimizers and
/// parameter names see only the parameter, so whatever differentiates or names a weight goes through
/// the parameter and slices the result (see <see cref="MaskedWeightParameters"/>).
/// </summary>
internal interface IParameterSlice
{
    /// <summary>The parameter holding the weight (read on every use: <c>to()</c> replaces it).</summary>
    Parameter Parameter { get; }

    /// <summary>The parameter's local name in its module (e.g. <c>map_weights</c>).</summary>
    string ParameterName { get; }

    /// <summary>The weight's own local name in that module (e.g. <c>skip_maps.3</c>).</summary>
    string Name { get; }

    /// <summary>This weight's part, shaped like the weight, of a tensor shaped like <see cref="Parameter"/> (say, its gradient).</summary>
    Tensor SliceOf(Tensor whole);
}
