using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// Run all: dotnet run -c Release --project bench/Deepstruct.Benchmarks -- --filter '*'
//
// In process: the project BenchmarkDotNet generates for an out-of-process job gets a deps file
// without Deepstruct.Dsl (the runtime ships it inside its package, and the generator loads it as an
// analyzer dependency), so every out-of-process job failed with FileNotFoundException.
if (args.Length > 0 && args[0] == "edge")
{
    // Spike for issue #13 (see docs/design/edge-dan.md): one configuration per process.
    // The deps file lacks Deepstruct.Dsl (see below); load it from the output folder.
    AppDomain.CurrentDomain.AssemblyResolve += (_, e) =>
    {
        var file = Path.Combine(AppContext.BaseDirectory, new System.Reflection.AssemblyName(e.Name).Name + ".dll");
        return File.Exists(file) ? System.Reflection.Assembly.LoadFrom(file) : null;
    };
    Deepstruct.Benchmarks.EdgeKernels.EdgeRunner.Run(args[1..]);
    return;
}

var config = DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).AsDefault());
BenchmarkSwitcher.FromAssembly(typeof(Deepstruct.Benchmarks.StructureBenchmarks).Assembly).Run(args, config);
