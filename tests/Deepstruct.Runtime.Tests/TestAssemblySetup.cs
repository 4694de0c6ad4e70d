using System.Runtime.CompilerServices;
using TorchSharp;

namespace Deepstruct.Runtime.Tests;

internal static class TestAssemblySetup
{
    /// <summary>
    /// One intra-op thread for the whole test run. The tests use tiny tensors, where libtorch's
    /// OpenMP threads only add synchronization; on a shared 2-core machine that is busy, two threads
    /// made a training step ~70× slower (58 ms against 0.8 ms). Results do not depend on it.
    /// </summary>
    [ModuleInitializer]
    internal static void UseOneTorchThread() => torch.set_num_threads(1);
}
