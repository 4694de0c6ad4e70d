using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Deepstruct.Diagnostics;
using Deepstruct.Syntax;

namespace Deepstruct.Binding;

/// <summary>Checks a model against the table of kinds and reads its settings (DS2003, DS2004, DS2005, DS2006).</summary>
internal sealed class ModelBinder
{
    private readonly DiagnosticBag _diagnostics;
    private readonly ValueReader _values;
    private readonly StructureBinder _structures;
    private readonly string _text;

    public ModelBinder(DiagnosticBag diagnostics, StructureBinder structures, string text)
    {
        _diagnostics = diagnostics;
        _values = new ValueReader(diagnostics);
        _structures = structures;
        _text = text;
    }

    public BoundModel? Bind(ModelDeclarationSyntax model)
    {
        var errorsBefore = _diagnostics.ErrorCount;
        if (!ModelKindTable.Kinds.TryGetValue(model.Kind.Text, out var kind))
        {
            _diagnostics.Report(
                DiagnosticIds.UnknownName,
                model.Kind.Span,
                "Unknown model kind '{0}': expected 'ffn', 'dan', 'cell_dan' or 'rnn'{1}.",
                model.Kind.Text,
                NameSuggestion.Hint(model.Kind.Text, ModelKindTable.Kinds.Keys));
            return null;
        }

        var required = ModelKindTable.Required(kind);
        var optional = ModelKindTable.Optional(kind);
        var settings = new Dictionary<string, SettingSyntax>();
        foreach (var setting in model.Settings)
        {
            var name = setting.Name.Text;
            if (!ModelKindTable.AllSettings.Contains(name))
            {
                _diagnostics.Report(
                    DiagnosticIds.UnknownName,
                    setting.Name.Span,
                    "Unknown setting '{0}': expected one of {1}{2}.",
                    name,
                    string.Join(", ", required.Concat(optional)),
                    NameSuggestion.Hint(name, ModelKindTable.AllSettings));
            }
            else if (!required.Contains(name) && !optional.Contains(name))
            {
                _diagnostics.Report(
                    DiagnosticIds.BadSetting,
                    setting.Name.Span,
                    "{0} model does not take '{1}': expected only {2}.",
                    ModelKindTable.WithArticle(model.Kind.Text, capital: true),
                    name,
                    string.Join(", ", required.Concat(optional)));
            }
            else if (settings.ContainsKey(name))
            {
                _diagnostics.Report(DiagnosticIds.DuplicateName, setting.Name.Span, "Duplicate setting '{0}': expected it once.", name);
            }
            else
            {
                settings.Add(name, setting);
            }
        }

        // A syntax error may have dropped the setting, so "missing" would only mislead.
        if (!model.HasSyntaxErrors)
        {
            foreach (var name in required.Where(name => !settings.ContainsKey(name)))
            {
                _diagnostics.Report(
                    DiagnosticIds.BadSetting,
                    model.Name.Span.Length > 0 ? model.Name.Span : model.Kind.Span,
                    "Model '{0}' lacks the setting '{1}': {2} model requires {3}.",
                    model.Name.Text,
                    name,
                    ModelKindTable.WithArticle(model.Kind.Text, capital: false),
                    string.Join(", ", required));
            }
        }

        var inputShape = ReadInput(settings);
        var outputSize = ReadPositive(settings, ModelKindTable.Output);
        var hidden = ReadHidden(settings);
        var options = ReadOptions(settings);
        BoundStructure? structure = null;
        if (settings.TryGetValue(ModelKindTable.Structure, out var structureSetting) && ExactlyOne(structureSetting, "a structure"))
        {
            structure = _structures.Bind(structureSetting.Values[0]);
            if (structure is null && _diagnostics.ErrorCount == errorsBefore)
            {
                // The structure named has errors reported where it is declared; this model cannot compile either.
                return null;
            }
        }

        if (_diagnostics.ErrorCount > errorsBefore || model.HasSyntaxErrors)
        {
            return null;
        }

        if (!DenseSizeFits(model, kind, ValueReader.Product(inputShape ?? []), outputSize, hidden ?? [], options.Cell, structure?.Structure))
        {
            return null;
        }

        var source = model.Span.End <= _text.Length ? _text.Substring(model.Span.Offset, model.Span.Length) : string.Empty;
        return new BoundModel(model.Name.Text, kind, model.Span, model.Name.Span, source, inputShape ?? [], (int)outputSize, hidden ?? [], options, structure, new HashSet<string>(settings.Keys, StringComparer.Ordinal));
    }

    /// <summary>
    /// Refuses (DS2008) a model whose dense maps would hold more than <see cref="Limits.MaximumDenseWeights"/>
    /// weights: a short text such as <c>hidden 100000, 100000</c> asks for 10¹⁰ of them, which fails
    /// deep inside the tensor library at run time. O(layers); counts saturate.
    /// </summary>
    private bool DenseSizeFits(ModelDeclarationSyntax model, ModelKind kind, long inputSize, long outputSize, int[] hidden, RecurrentCell cell, Structures.Structure? structure)
    {
        long total = 0;
        long largest = 0;
        var largestShape = string.Empty;
        void Add(long rows, long columns, long times = 1)
        {
            var weights = Saturating(Saturating(rows, columns), times);
            total = weights > long.MaxValue - total ? long.MaxValue : total + weights;
            if (weights > largest)
            {
                largest = weights;
                largestShape = rows.ToString(CultureInfo.InvariantCulture) + " × " + columns.ToString(CultureInfo.InvariantCulture);
            }
        }

        switch (kind)
        {
            case ModelKind.Ffn:
            {
                var previous = inputSize;
                foreach (var size in hidden)
                {
                    Add(previous, size);
                    previous = size;
                }

                Add(previous, outputSize);
                break;
            }

            case ModelKind.Rnn:
            {
                // Each layer holds gates × hidden rows over its input and over its own hidden state.
                var gates = cell.GateCount();
                var previous = inputSize;
                foreach (var size in hidden)
                {
                    Add(size, previous, gates);
                    Add(size, size, gates);
                    previous = size;
                }

                break;
            }

            default:
                if (structure is not null && structure.LayerCount > 0)
                {
                    // A DAN's layer maps are masked but stored dense; a cell DAN has only the input and output maps.
                    Add(inputSize, structure.VerticesOf(0).Length);
                    if (kind == ModelKind.Dan)
                    {
                        for (var layer = 1; layer < structure.LayerCount; layer++)
                        {
                            Add(structure.VerticesOf(layer - 1).Length, structure.VerticesOf(layer).Length);
                        }
                    }

                    Add(structure.VerticesOf(structure.LayerCount - 1).Length, outputSize);
                }

                break;
        }

        if (total <= Limits.MaximumDenseWeights)
        {
            return true;
        }

        _diagnostics.Report(
            DiagnosticIds.TooLarge,
            model.Name.Span.Length > 0 ? model.Name.Span : model.Kind.Span,
            "The model is too large: found {0} weights in its dense maps (the largest {1}), expected at most {2}.",
            total == long.MaxValue ? "more than " + long.MaxValue.ToString(CultureInfo.InvariantCulture) : total.ToString(CultureInfo.InvariantCulture),
            largestShape,
            Limits.MaximumDenseWeights);
        return false;
    }

    private static long Saturating(long a, long b) => a != 0 && b > long.MaxValue / a ? long.MaxValue : a * b;

    private long[]? ReadInput(Dictionary<string, SettingSyntax> settings)
    {
        if (!settings.TryGetValue(ModelKindTable.Input, out var setting) || !ExactlyOne(setting, "a shape such as 784 or 1x28x28"))
        {
            return null;
        }

        var value = setting.Values[0];
        long[]? shape;
        if (value is NumberLiteralSyntax { IsInteger: true, IsNegative: false } number)
        {
            shape = ValueReader.ParseShape(number.Text);
        }
        else if (value is ShapeLiteralSyntax shapeLiteral)
        {
            shape = ValueReader.ParseShape(shapeLiteral.Text);
        }
        else
        {
            _diagnostics.Report(DiagnosticIds.BadArgument, value.Span, "Wrong type for 'input': found {0}, expected a shape such as 784 or 1x28x28.", ValueReader.Describe(value));
            return null;
        }

        if (shape is null || shape.Any(dimension => dimension < 1) || ValueReader.Product(shape) > int.MaxValue)
        {
            var text = value is NumberLiteralSyntax literal ? literal.Text : ((ShapeLiteralSyntax)value).Text;
            _diagnostics.Report(
                DiagnosticIds.BadArgument,
                value.Span,
                "'input' is out of range: found {0}{1}, expected dimensions of at least 1 whose product is at most {2}.",
                text,
                shape is not null && shape.Length > 1 && shape.All(dimension => dimension >= 1) ? " (" + ValueReader.Product(shape).ToString(CultureInfo.InvariantCulture) + " in all)" : string.Empty,
                int.MaxValue);
            return null;
        }

        return shape;
    }

    private long ReadPositive(Dictionary<string, SettingSyntax> settings, string name)
    {
        if (!settings.TryGetValue(name, out var setting) || !ExactlyOne(setting, "a size"))
        {
            return 0;
        }

        return _values.TryInteger(setting.Values[0], $"'{name}'", 1, int.MaxValue, out var size) ? size : 0;
    }

    private int[]? ReadHidden(Dictionary<string, SettingSyntax> settings)
    {
        if (!settings.TryGetValue(ModelKindTable.Hidden, out var setting))
        {
            return null;
        }

        if (setting.Values.Count == 0)
        {
            _diagnostics.Report(DiagnosticIds.BadArgument, setting.Span, "'hidden' lacks its sizes: expected one or more sizes such as 'hidden 200, 100;'.");
            return null;
        }

        var sizes = new int[setting.Values.Count];
        for (var i = 0; i < sizes.Length; i++)
        {
            sizes[i] = _values.TryInteger(setting.Values[i], "a hidden size", 1, int.MaxValue, out var size) ? (int)size : 0;
        }

        return sizes;
    }

    private ModelOptions ReadOptions(Dictionary<string, SettingSyntax> settings)
    {
        var options = new ModelOptions();
        if (settings.TryGetValue(ModelKindTable.Activation, out var activation) && ExactlyOne(activation, "an activation"))
        {
            options.Activation = ReadWord(activation, ModelKindTable.Activations, "activation");
        }

        if (settings.TryGetValue(ModelKindTable.Cell, out var cell) && ExactlyOne(cell, "a cell ('rnn', 'gru' or 'lstm')"))
        {
            options.Cell = ReadWord(cell, ModelKindTable.Cells, "cell");
        }

        options.LayerNorm = ReadFlag(settings, ModelKindTable.LayerNorm, false);
        options.Bias = ReadFlag(settings, ModelKindTable.Bias, true);
        options.BatchFirst = ReadFlag(settings, ModelKindTable.BatchFirst, false);
        return options;
    }

    private T ReadWord<T>(SettingSyntax setting, IReadOnlyDictionary<string, T> words, string what)
    {
        var value = setting.Values[0];
        if (value is NameExpressionSyntax name && words.TryGetValue(name.Name.Text, out var word))
        {
            return word;
        }

        var found = value is NameExpressionSyntax unknown ? unknown.Name.Text : ValueReader.Describe(value);
        _diagnostics.Report(
            DiagnosticIds.UnknownName,
            value.Span,
            "Unknown {0} '{1}': expected one of {2}{3}.",
            what,
            found,
            string.Join(", ", words.Keys),
            NameSuggestion.Hint(found, words.Keys));
        return default!;
    }

    /// <summary>A flag is on when written alone (<c>layer_norm;</c>) or with <c>true</c>.</summary>
    private bool ReadFlag(Dictionary<string, SettingSyntax> settings, string name, bool absent)
    {
        if (!settings.TryGetValue(name, out var setting))
        {
            return absent;
        }

        if (setting.Values.Count == 0)
        {
            return true;
        }

        if (setting.Values.Count > 1)
        {
            _diagnostics.Report(DiagnosticIds.BadArgument, setting.Values[1].Span, "'{0}' takes at most one value: found {1}, expected 'true' or 'false'.", name, setting.Values.Count);
            return absent;
        }

        return _values.TryBoolean(setting.Values[0], $"'{name}'", out var value) ? value : absent;
    }

    private bool ExactlyOne(SettingSyntax setting, string expected)
    {
        if (setting.Values.Count == 1)
        {
            return true;
        }

        _diagnostics.Report(
            DiagnosticIds.BadArgument,
            setting.Values.Count == 0 ? setting.Span : setting.Values[1].Span,
            "'{0}' takes one value: found {1}, expected {2}.",
            setting.Name.Text,
            setting.Values.Count,
            expected);
        return false;
    }
}
