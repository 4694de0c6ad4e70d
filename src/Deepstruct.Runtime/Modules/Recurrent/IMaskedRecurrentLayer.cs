using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>
/// A recurrent layer whose input-to-hidden and hidden-to-hidden weights are masked
/// (<see cref="MaskedRecurrentLayer"/>, <see cref="MaskedGruLayer"/>, <see cref="MaskedLstmLayer"/>).
/// </summary>
public interface IMaskedRecurrentLayer
{
    /// <summary>Features of the input at each step.</summary>
    int InputSize { get; }

    /// <summary>Features of the hidden state.</summary>
    int HiddenSize { get; }

    /// <summary>Whether sequences are <c>[batch, sequence, features]</c> rather than <c>[sequence, batch, features]</c>.</summary>
    bool BatchFirst { get; }

    /// <summary>The input-to-hidden weight (<c>weight_ih</c>, all gates stacked) with its mask.</summary>
    IMaskedWeight InputToHidden { get; }

    /// <summary>The hidden-to-hidden weight (<c>weight_hh</c>, all gates stacked) with its mask.</summary>
    IMaskedWeight HiddenToHidden { get; }

    /// <summary>
    /// Runs the layer over a whole sequence (deepstruct's <c>unfold</c>) and returns the hidden state of
    /// every step, in the layout of <see cref="BatchFirst"/>.
    /// </summary>
    /// <param name="input">The sequence, <c>[sequence, batch, InputSize]</c> or, batch first, <c>[batch, sequence, InputSize]</c>.</param>
    /// <param name="initialHidden">The hidden state before the first step, <c>[batch, HiddenSize]</c>; zeros when <see langword="null"/>.</param>
    /// <exception cref="System.ArgumentException">A tensor has the wrong shape.</exception>
    Tensor Unfold(Tensor input, Tensor? initialHidden = null);
}
