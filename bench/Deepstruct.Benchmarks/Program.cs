using BenchmarkDotNet.Running;

// Run all: dotnet run -c Release --project bench/Deepstruct.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Deepstruct.Benchmarks.StructureBenchmarks).Assembly).Run(args);
