using System;

namespace Deepstruct;

/// <summary>
/// Makes a partial class a model: the source generator turns the model written in
/// the attribute's string (<c>KIND { SETTINGS }</c>, as in a <c>.dsnet</c> file without
/// <c>model NAME :</c>) into the class's base class, constructor and typed members. The class
/// name is the model's name. Mistakes are reported at build, inside the string.
/// </summary>
/// <example><code>
/// [Dsnet("dan { input 784; output 10; structure watts_strogatz(n: 100, k: 4, p: 0.5, seed: 1); }")]
/// public partial class SmallWorld;
/// </code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class DsnetAttribute : Attribute
{
    /// <summary>Declares the model of the class.</summary>
    /// <param name="model">One model: <c>KIND { SETTINGS }</c>.</param>
    public DsnetAttribute(string model) => Model = model;

    /// <summary>The model's text.</summary>
    public string Model { get; }
}
