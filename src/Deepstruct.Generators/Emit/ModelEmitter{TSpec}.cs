using Deepstruct.Generators.Pipeline;

namespace Deepstruct.Generators.Emit;

/// <summary>The emitter of one kind of spec, which reads the kind's own facts from <see cref="Model"/>.</summary>
internal abstract class ModelEmitter<TSpec> : ModelEmitter
    where TSpec : ModelSpec
{
    protected ModelEmitter(TSpec spec)
        : base(spec) => Model = spec;

    protected TSpec Model { get; }
}
