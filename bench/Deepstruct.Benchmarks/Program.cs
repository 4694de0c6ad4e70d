using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// Run all: dotnet run -c Release --project bench/Deepstruct.Benchmarks -- --filter '*'
//
// In process: the project BenchmarkDotNet generates for an out-of-process job gets a deps file
// without Deepstruct.Dsl (the runtime ships it inside its package, and the generator loads it as an
// analyzer dependency), so every out-of-process job failed with FileNotFoundException.
var config = DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).AsDefault());
BenchmarkSwitcher.FromAssembly(typeof(Deepstruct.Benchmarks.StructureBenchmarks).Assembly).Run(args, config);
