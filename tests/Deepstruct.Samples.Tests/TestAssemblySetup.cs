using System.Runtime.CompilerServices;
using TorchSharp;

namespace Deepstruct.Samples.Tests;

internal static class TestAssemblySetup
{
    /// <summary>One intra-op thread, as in the runtime tests: tiny tensors on a shared machine gain nothing from more.</summary>
    [ModuleInitializer]
    internal static void UseOneTorchThread() => torch.set_num_threads(1);
}
