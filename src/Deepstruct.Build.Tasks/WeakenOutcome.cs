using System.Collections.Generic;

namespace Deepstruct.Build.Tasks;

/// <summary>What <see cref="SymbolVersionWeakener.Weaken"/> did to one file.</summary>
internal sealed class WeakenOutcome
{
    public WeakenOutcome(IReadOnlyList<string> weakened, IReadOnlyDictionary<string, IReadOnlyList<string>> bound)
    {
        Weakened = weakened;
        Bound = bound;
    }

    /// <summary>The versions whose need was flagged weak by this call (none if the file was left as it was).</summary>
    public IReadOnlyList<string> Weakened { get; }

    /// <summary>Versions left alone because relocations bind symbols of them, with those symbols' names.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Bound { get; }
}
