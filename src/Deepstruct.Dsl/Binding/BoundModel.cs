using System.Collections.Generic;
using Deepstruct.Diagnostics;
using Deepstruct.Structures;

namespace Deepstruct.Binding;

/// <summary>
/// A model that bound without errors: everything a code emitter needs. Sizes follow the kind:
/// <see cref="OutputSize"/> is 0 for <c>rnn</c>, <see cref="HiddenSizes"/> empty for <c>dan</c> and
/// <c>cell_dan</c>, <see cref="Structure"/> null for <c>ffn</c> and <c>rnn</c>.
/// </summary>
public sealed class BoundModel
{
    private readonly HashSet<string> _written;

    internal BoundModel(string name, ModelKind kind, SourceSpan span, SourceSpan nameSpan, string source, long[] inputShape, int outputSize, int[] hiddenSizes, ModelOptions options, BoundStructure? structure, HashSet<string> writtenSettings)
    {
        _written = writtenSettings;
        Name = name;
        Kind = kind;
        Span = span;
        NameSpan = nameSpan;
        Source = source;
        InputShape = inputShape;
        OutputSize = outputSize;
        HiddenSizes = hiddenSizes;
        Activation = options.Activation;
        LayerNorm = options.LayerNorm;
        Bias = options.Bias;
        Cell = options.Cell;
        BatchFirst = options.BatchFirst;
        DanOptions = new DanOptions { LayerNorm = options.LayerNorm, Activation = options.Activation, Bias = options.Bias };
        BoundStructure = structure;
    }

    /// <summary>The model's name (the class name of a <c>[Dsnet]</c> model).</summary>
    public string Name { get; }

    /// <summary>The kind.</summary>
    public ModelKind Kind { get; }

    /// <summary>Where the declaration is.</summary>
    public SourceSpan Span { get; }

    /// <summary>Where the model's name is (for the <c>[Dsnet]</c> form, an empty span at the start of the string).</summary>
    public SourceSpan NameSpan { get; }

    /// <summary>The declaration's source text, for documentation comments.</summary>
    public string Source { get; }

    /// <summary>The input shape as written (<c>1x28x28</c> → 1, 28, 28).</summary>
    public IReadOnlyList<long> InputShape { get; }

    /// <summary>The flattened input size: the product of <see cref="InputShape"/>.</summary>
    public long InputSize
    {
        get
        {
            long size = 1;
            foreach (var dimension in InputShape)
            {
                size *= dimension;
            }

            return size;
        }
    }

    /// <summary>The output size (0 for <c>rnn</c>, which has none).</summary>
    public int OutputSize { get; }

    /// <summary>The hidden layer sizes (<c>ffn</c>, <c>rnn</c>).</summary>
    public IReadOnlyList<int> HiddenSizes { get; }

    /// <summary>The activation (default ReLU).</summary>
    public Activation Activation { get; }

    /// <summary>Whether layer norm is on (default off).</summary>
    public bool LayerNorm { get; }

    /// <summary>Whether maps have a bias (default on).</summary>
    public bool Bias { get; }

    /// <summary>The recurrent cell (<c>rnn</c>; default the Elman cell).</summary>
    public RecurrentCell Cell { get; }

    /// <summary>Whether an <c>rnn</c> takes batch-first input (default off).</summary>
    public bool BatchFirst { get; }

    /// <summary>
    /// The options of a <c>dan</c> model as the runtime takes them: <see cref="LayerNorm"/>,
    /// <see cref="Activation"/> and <see cref="Bias"/>, with the representation left to
    /// <see cref="DanRepresentation.Auto"/> (the language has no setting for it).
    /// </summary>
    public DanOptions DanOptions { get; }

    /// <summary>
    /// The settings written in the model's text (<c>input</c>, <c>activation</c>, …), each once: a
    /// setting not among them has its default. Consumers whose defaults differ by kind (an
    /// <c>rnn</c>'s activation is tanh in the runtime) ask here rather than read the text.
    /// </summary>
    public IReadOnlyCollection<string> WrittenSettings => _written;

    /// <summary>Whether the setting <paramref name="name"/> (as spelled in the language, e.g. <c>activation</c>) was written.</summary>
    public bool IsWritten(string name) => _written.Contains(name);

    /// <summary>The structure with its vertex names (<c>dan</c>, <c>cell_dan</c>).</summary>
    public BoundStructure? BoundStructure { get; }

    /// <summary>The compact structure with its layer index (<c>dan</c>, <c>cell_dan</c>).</summary>
    public Structure? Structure => BoundStructure?.Structure;
}
