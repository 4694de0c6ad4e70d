using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Deepstruct.Structures;
using Deepstruct.Syntax;
using Deepstruct.Writing;

namespace Deepstruct.Binding;

/// <summary>
/// Writes <c>.dsnet</c> text that <see cref="DsnetCompiler"/> compiles back into what was written:
/// the inverse of the compiler, spelling kinds, activations, cells, settings and keywords from the
/// same tables the lexer and the binder read them with.
/// </summary>
public static class DsnetWriter
{
    private const string Indent = "    ";

    /// <summary>
    /// Whether <paramref name="name"/> can name a structure, a model, a vertex or a block: an
    /// identifier (<c>[A-Za-z_][A-Za-z0-9_]*</c>) that is not a keyword or a setting's name.
    /// </summary>
    public static bool IsName(string name) => name is not null && Keywords.IsFreeName(name);

    /// <summary>
    /// The model as <c>model NAME : KIND { … }</c>, its structure written inline. Compiling the text
    /// gives a model of the same kind, sizes, settings (the same ones written) and structure, with the
    /// vertex and block names of <paramref name="model"/>'s structure; vertices it leaves unnamed
    /// (those of a family, say) are written as blocks of a fresh name, as are names that alias a
    /// vertex already named (which <c>stack</c> can give).
    /// </summary>
    /// <exception cref="ArgumentException">The model's name is not a name of the language (see <see cref="IsName"/>).</exception>
    public static string WriteModel(BoundModel model)
    {
        Guard.NotNull(model, nameof(model));
        CheckName(model.Name, nameof(model));
        var settings = new List<string>();
        foreach (var setting in ModelKindTable.Required(model.Kind).Concat(ModelKindTable.Optional(model.Kind)))
        {
            if (!model.IsWritten(setting))
            {
                continue;
            }

            settings.Add(setting switch
            {
                ModelKindTable.Input => Setting(setting, Shape(model.InputShape)),
                ModelKindTable.Output => Setting(setting, Number(model.OutputSize)),
                ModelKindTable.Hidden => Setting(setting, string.Join(", ", model.HiddenSizes.Select(Number))),
                ModelKindTable.Structure => InlineStructure(model.BoundStructure!),
                ModelKindTable.Activation => Setting(setting, ModelKindTable.SpellingOf(ModelKindTable.Activations, model.Activation, nameof(model))),
                ModelKindTable.Cell => Setting(setting, ModelKindTable.SpellingOf(ModelKindTable.Cells, model.Cell, nameof(model))),
                ModelKindTable.LayerNorm => Flag(setting, model.LayerNorm),
                ModelKindTable.Bias => Flag(setting, model.Bias),
                _ => Flag(setting, model.BatchFirst),
            });
        }

        return Model(model.Name, model.Kind, settings);
    }

    /// <summary>
    /// The structure as <c>structure NAME { … }</c>, with its vertex and block names as in
    /// <see cref="WriteModel"/>: vertex <c>i</c> of the text is vertex <c>i</c> of the structure.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a name of the language.</exception>
    public static string WriteStructure(string name, BoundStructure structure)
    {
        Guard.NotNull(structure, nameof(structure));
        CheckName(name, nameof(name));
        var text = new StringBuilder();
        text.Append(Keywords.Structure).Append(' ').Append(name).Append(" {\n");
        StructureText.AppendBody(text, Indent, NamedRuns(structure), structure.Structure);
        return text.Append("}\n").ToString();
    }

    /// <summary>
    /// The structure as <c>structure NAME { … }</c> with vertices in the given layers, which may
    /// differ from those its edges give (an extracted graph's, say). Vertices are declared in index
    /// order as blocks, one per run of consecutive vertices in the same layer, named after the layer
    /// (<c>layer3</c>, or <c>layer3_part0</c>, <c>layer3_part1</c>, … when a layer's vertices are not
    /// consecutive); <see cref="LayersFromBlockNames"/> reads the layers back.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a name of the language, or <paramref name="layers"/> does not give one layer per vertex.</exception>
    public static string WriteLayeredStructure(string name, Structure structure, IReadOnlyList<int> layers)
    {
        Guard.NotNull(structure, nameof(structure));
        Guard.NotNull(layers, nameof(layers));
        CheckName(name, nameof(name));
        if (layers.Count != structure.VertexCount)
        {
            throw new ArgumentException($"layers has {layers.Count} entries, but the structure has {structure.VertexCount} vertices.", nameof(layers));
        }

        var runs = LayerRuns(layers, out var layerCount);
        var text = new StringBuilder();
        text.Append(string.Format(CultureInfo.InvariantCulture, "// {0} vertices, {1} edges in {2} layers; block names carry the layers.\n", structure.VertexCount, structure.EdgeCount, layerCount));
        text.Append(Keywords.Structure).Append(' ').Append(name).Append(" {\n");
        StructureText.AppendBody(text, Indent, runs, structure);
        return text.Append("}\n").ToString();
    }

    /// <summary>
    /// The layer of every vertex as <see cref="WriteLayeredStructure"/> names them (<c>layerK</c>,
    /// <c>layerK_partJ</c>), or null when the structure's blocks do not all carry such a name or do
    /// not cover every vertex.
    /// </summary>
    public static int[]? LayersFromBlockNames(BoundStructure structure)
    {
        Guard.NotNull(structure, nameof(structure));
        var layers = new int[structure.Structure.VertexCount];
        var covered = 0;
        foreach (var pair in structure.Blocks)
        {
            if (!TryParseLayerName(pair.Key, out var layer))
            {
                return null;
            }

            for (var vertex = pair.Value.First; vertex < pair.Value.First + pair.Value.Length; vertex++)
            {
                layers[vertex] = layer;
            }

            covered += pair.Value.Length;
        }

        return covered == layers.Length && structure.Vertices.Count == 0 ? layers : null;
    }

    /// <summary>
    /// A <c>dan</c> model that takes <paramref name="inputShape"/>, gives <paramref name="outputSize"/>
    /// values and is wired by the structure <paramref name="structureName"/> of the same text; the
    /// activation and layer norm are written when they differ from the language's defaults.
    /// </summary>
    /// <exception cref="ArgumentException">A name is not a name of the language, or the shape is empty or has a dimension below 1.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="outputSize"/> is below 1, or <paramref name="activation"/> is not an <see cref="Activation"/>.</exception>
    public static string WriteDanModel(string name, IReadOnlyList<long> inputShape, int outputSize, string structureName, Activation activation = Activation.ReLU, bool layerNorm = false)
    {
        CheckName(name, nameof(name));
        CheckName(structureName, nameof(structureName));
        Guard.NotNull(inputShape, nameof(inputShape));
        if (inputShape.Count == 0 || inputShape.Any(dimension => dimension < 1))
        {
            throw new ArgumentException($"inputShape [{string.Join(", ", inputShape)}] must have at least one dimension, each at least 1.", nameof(inputShape));
        }

        Guard.AtLeast(outputSize, 1, nameof(outputSize));
        var settings = new List<string>
        {
            Setting(ModelKindTable.Input, Shape(inputShape)),
            Setting(ModelKindTable.Output, Number(outputSize)),
            Setting(ModelKindTable.Structure, structureName),
        };
        if (activation != Activation.ReLU)
        {
            settings.Add(Setting(ModelKindTable.Activation, ModelKindTable.SpellingOf(ModelKindTable.Activations, activation, nameof(activation))));
        }

        if (layerNorm)
        {
            settings.Add(Flag(ModelKindTable.LayerNorm, true));
        }

        return Model(name, ModelKind.Dan, settings);
    }

    private static string Model(string name, ModelKind kind, List<string> settings)
    {
        var text = new StringBuilder();
        text.Append(Keywords.Model).Append(' ').Append(name).Append(" : ").Append(ModelKindTable.SpellingOf(ModelKindTable.Kinds, kind, "kind")).Append(" {\n");
        foreach (var setting in settings)
        {
            text.Append(Indent).Append(setting);
        }

        return text.Append("}\n").ToString();
    }

    private static string InlineStructure(BoundStructure structure)
    {
        var text = new StringBuilder();
        text.Append(ModelKindTable.Structure).Append(" {\n");
        StructureText.AppendBody(text, Indent + Indent, NamedRuns(structure), structure.Structure);
        return text.Append(Indent).Append("}\n").ToString();
    }

    private static string Setting(string name, string value) => name + " " + value + ";\n";

    private static string Flag(string name, bool value) => value ? name + ";\n" : name + " " + Keywords.False + ";\n";

    private static string Shape(IReadOnlyList<long> shape) => string.Join("x", shape.Select(dimension => dimension.ToString(CultureInfo.InvariantCulture)));

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The structure's names as runs in index order: where names overlap, the one starting first (then
    /// the longer, then the ordinally first) wins; vertices no name covers become blocks of a fresh name.
    /// </summary>
    private static List<NamedRun> NamedRuns(BoundStructure structure)
    {
        var candidates = structure.Vertices.Select(pair => new NamedRun(pair.Value, 1, pair.Key, IsBlock: false))
            .Concat(structure.Blocks.Select(pair => new NamedRun(pair.Value.First, pair.Value.Length, pair.Key, IsBlock: true)))
            .Where(run => Keywords.IsFreeName(run.Name))
            .OrderBy(run => run.First).ThenByDescending(run => run.Length).ThenBy(run => run.Name, StringComparer.Ordinal)
            .ToList();
        var taken = new HashSet<string>(structure.Vertices.Keys.Concat(structure.Blocks.Keys), StringComparer.Ordinal);
        var fresh = 0;
        string FreshName()
        {
            string name;
            do
            {
                name = fresh == 0 ? "v" : "v" + fresh.ToString(CultureInfo.InvariantCulture);
                fresh++;
            }
            while (!taken.Add(name));
            return name;
        }

        var runs = new List<NamedRun>();
        var next = 0;
        foreach (var run in candidates)
        {
            if (run.First < next)
            {
                continue;
            }

            if (run.First > next)
            {
                runs.Add(new NamedRun(next, run.First - next, FreshName(), IsBlock: true));
            }

            runs.Add(run);
            next = run.First + run.Length;
        }

        if (next < structure.Structure.VertexCount)
        {
            runs.Add(new NamedRun(next, structure.Structure.VertexCount - next, FreshName(), IsBlock: true));
        }

        return runs;
    }

    private static List<NamedRun> LayerRuns(IReadOnlyList<int> layers, out int layerCount)
    {
        var runs = new List<(int First, int Length, int Layer)>();
        var runsOfLayer = new Dictionary<int, int>();
        for (var vertex = 0; vertex < layers.Count; vertex++)
        {
            if (vertex == 0 || layers[vertex] != layers[vertex - 1])
            {
                runsOfLayer[layers[vertex]] = (runsOfLayer.TryGetValue(layers[vertex], out var count) ? count : 0) + 1;
                runs.Add((vertex, 0, layers[vertex]));
            }

            runs[runs.Count - 1] = (runs[runs.Count - 1].First, runs[runs.Count - 1].Length + 1, layers[vertex]);
        }

        layerCount = runsOfLayer.Count;
        var partOfLayer = new Dictionary<int, int>();
        var named = new List<NamedRun>(runs.Count);
        foreach (var (first, length, layer) in runs)
        {
            var name = runsOfLayer[layer] == 1
                ? string.Format(CultureInfo.InvariantCulture, "{0}{1}", LayerPrefix, layer)
                : string.Format(CultureInfo.InvariantCulture, "{0}{1}{2}{3}", LayerPrefix, layer, PartInfix, partOfLayer[layer] = (partOfLayer.TryGetValue(layer, out var part) ? part : -1) + 1);
            named.Add(new NamedRun(first, length, name, IsBlock: true));
        }

        return named;
    }

    private const string LayerPrefix = "layer";
    private const string PartInfix = "_part";

    /// <summary>Reads <c>layerK</c> or <c>layerK_partJ</c> (digits only) into K.</summary>
    private static bool TryParseLayerName(string name, out int layer)
    {
        layer = 0;
        if (!name.StartsWith(LayerPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var digitsEnd = LayerPrefix.Length;
        while (digitsEnd < name.Length && name[digitsEnd] >= '0' && name[digitsEnd] <= '9')
        {
            digitsEnd++;
        }

        var rest = name.Substring(digitsEnd);
        var partDigits = rest.StartsWith(PartInfix, StringComparison.Ordinal) ? rest.Substring(PartInfix.Length) : null;
        return digitsEnd > LayerPrefix.Length
            && (rest.Length == 0 || (partDigits is { Length: > 0 } && partDigits.All(c => c >= '0' && c <= '9')))
            && int.TryParse(name.Substring(LayerPrefix.Length, digitsEnd - LayerPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out layer);
    }

    private static void CheckName(string name, string parameterName)
    {
        Guard.NotNull(name, parameterName);
        if (!Keywords.IsFreeName(name))
        {
            throw new ArgumentException($"{parameterName} must be a .dsnet identifier ([A-Za-z_][A-Za-z0-9_]*, not a keyword), but was '{name}'.", parameterName);
        }
    }
}
