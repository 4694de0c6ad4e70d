using Xunit;

namespace Deepstruct.Dsl.Tests.Language;

/// <summary>
/// DSNET.md's "Must be rejected" table with the 1-based line and column of each error; shared by the
/// language tests and (linked) the generator tests, so both check the same contract.
/// </summary>
public static class RejectedCases
{
    public static TheoryData<string, string, int, int> All => new()
    {
        { "structure S { a -> b; b -> c; c -> a; }", "DS2001", 1, 31 },
        { "structure S { a -> a; }", "DS2002", 1, 15 },
        { "model M : dan { input 4; output 2; structure Nope; }", "DS2003", 1, 46 },
        { "structure S = balanced_tree(r: 2);", "DS2005", 1, 15 },
        { "structure S = watts_strogatz(n: 10, k: 4, p: 1.5, seed: 1);", "DS2005", 1, 46 },
        { "model M : ffn { input 4; output 2; }", "DS2006", 1, 7 },
        { "model M : dan { input 4; output 2; structure { a -> b } }", "DS1001", 1, 55 },
        { "structure S { block h[3], g[4]; h -> g : one_to_one; }", "DS2007", 1, 33 },
        { "/* never closed", "DS1002", 1, 1 },
    };
}
