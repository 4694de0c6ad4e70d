using Deepstruct.Data;
using Deepstruct.Structures;
using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Runtime.Tests.Data;

public class FunctionalDatasetTests
{
    private static Tensor SumOfSquares(Tensor x) => x.pow(2).sum().unsqueeze(0);

    [Fact]
    public void Targets_are_the_function_of_the_inputs()
    {
        using var dataset = new FunctionalDataset(SumOfSquares, size: 50, inputShape: new long[] { 2, 3 });

        Assert.Equal(50, dataset.Count);
        Assert.Equal(new long[] { 50, 2, 3 }, dataset.Inputs.shape);
        Assert.Equal(new long[] { 1 }, dataset.TargetShape);
        using var expected = dataset.Inputs.pow(2).sum(new long[] { 1, 2 }).unsqueeze(1);
        Assert.True(expected.allclose(dataset.Targets));
        Assert.True(dataset.Inputs.min().item<float>() >= -1f);
        Assert.True(dataset.Inputs.max().item<float>() < 1f);
    }

    [Fact]
    public void An_example_is_an_input_and_its_target()
    {
        using var dataset = new FunctionalDataset(x => x * 2, size: 4, inputShape: new long[] { 3 });

        var example = dataset.GetTensor(2);

        Assert.Equal(new long[] { 3 }, example[FunctionalDataset.InputKey].shape);
        Assert.True((example[FunctionalDataset.InputKey] * 2).equal(example[FunctionalDataset.TargetKey]).all().item<bool>());
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => dataset.GetTensor(4));
        Assert.Equal("index", error.ParamName);
        Assert.Equal(4L, error.ActualValue);
    }

    [Fact]
    public void The_same_seed_gives_the_same_data_on_every_platform()
    {
        using var a = new FunctionalDataset(SumOfSquares, 10, new long[] { 4 }, seed: 42);
        using var b = new FunctionalDataset(SumOfSquares, 10, new long[] { 4 }, seed: 42);
        using var c = new FunctionalDataset(SumOfSquares, 10, new long[] { 4 }, seed: 43);

        Assert.True(a.Inputs.equal(b.Inputs).all().item<bool>());
        Assert.False(a.Inputs.equal(c.Inputs).all().item<bool>());
        // The default sampler is 2·U − 1 with U the core's NextDouble, drawn example by example.
        var random = new DeterministicRandom(42);
        var first = Enumerable.Range(0, 4).Select(_ => (float)((2 * random.NextDouble()) - 1)).ToArray();
        Assert.Equal(first, a.Inputs[0].data<float>().ToArray());
    }

    [Fact]
    public void A_custom_sampler_draws_each_input()
    {
        var calls = 0;
        using var dataset = new FunctionalDataset(
            x => x.sum().unsqueeze(0),
            size: 3,
            inputShape: new long[] { 2 },
            sampler: random => new[] { calls++, (float)random.NextInt(5) });

        Assert.Equal(3, calls);
        Assert.Equal(new[] { 0f, 1f, 2f }, dataset.Inputs[.., 0].data<float>().ToArray());
    }

    [Fact]
    public void Integer_targets_keep_their_type()
    {
        using var dataset = new FunctionalDataset(x => (x.sum() > 0).to_type(ScalarType.Int64), 20, new long[] { 5 });

        Assert.Equal(ScalarType.Int64, dataset.Targets.dtype);
        Assert.Equal(new long[] { 20 }, dataset.Targets.shape);
    }

    [Fact]
    public void A_data_loader_batches_it()
    {
        using var dataset = new FunctionalDataset(SumOfSquares, 10, new long[] { 2 });
        using var loader = new TorchSharp.Modules.DataLoader(dataset, batchSize: 4, shuffle: true, seed: 1, disposeDataset: false);

        var sizes = new List<long>();
        long seen = 0;
        foreach (var batch in loader)
        {
            Assert.Equal(new long[] { batch[FunctionalDataset.InputKey].shape[0], 2 }, batch[FunctionalDataset.InputKey].shape);
            Assert.True(batch[FunctionalDataset.InputKey].pow(2).sum(1).unsqueeze(1).allclose(batch[FunctionalDataset.TargetKey]));
            sizes.Add(batch[FunctionalDataset.TargetKey].shape[0]);
            seen += batch[FunctionalDataset.TargetKey].shape[0];
        }

        Assert.Equal(new long[] { 4, 4, 2 }, sizes);
        Assert.Equal(10, seen);
    }

    [Fact]
    public void Tensors_survive_the_dispose_scope_it_was_made_in()
    {
        FunctionalDataset dataset;
        using (NewDisposeScope())
        {
            dataset = new FunctionalDataset(SumOfSquares, 5, new long[] { 2 });
        }

        using (dataset)
        {
            Assert.Equal(5, dataset.Targets.shape[0]);
            Assert.False(dataset.Inputs.IsInvalid);
        }
    }

    [Fact]
    public void Save_then_load_gives_the_same_examples()
    {
        var directory = Directory.CreateTempSubdirectory("deepstruct-dataset-").FullName;
        try
        {
            var path = Path.Combine(directory, "data.bin");
            using var original = new FunctionalDataset(x => (x.sum() > 0).to_type(ScalarType.Int64), 12, new long[] { 2, 2 }, seed: 4);

            original.Save(path);
            using var loaded = FunctionalDataset.Load(path);

            Assert.Equal(original.Count, loaded.Count);
            Assert.Equal(new long[] { 2, 2 }, loaded.InputShape);
            Assert.True(original.Inputs.equal(loaded.Inputs).all().item<bool>());
            Assert.Equal(ScalarType.Int64, loaded.Targets.dtype);
            Assert.True(original.Targets.equal(loaded.Targets).all().item<bool>());
            Assert.Equal(new[] { path }, Directory.GetFiles(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Files_that_are_not_saved_datasets_are_refused_naming_the_path()
    {
        var directory = Directory.CreateTempSubdirectory("deepstruct-dataset-").FullName;
        try
        {
            var garbage = Path.Combine(directory, "garbage.bin");
            File.WriteAllBytes(garbage, Enumerable.Range(0, 200).Select(i => (byte)(i * 37)).ToArray());
            var empty = Path.Combine(directory, "empty.bin");
            File.WriteAllBytes(empty, Array.Empty<byte>());

            foreach (var path in new[] { garbage, empty })
            {
                var error = Assert.Throws<ArgumentException>(() => FunctionalDataset.Load(path));
                Assert.Equal("path", error.ParamName);
                Assert.Contains(path, error.Message);
            }

            Assert.Equal("path", Assert.Throws<ArgumentException>(() => FunctionalDataset.Load(" ")).ParamName);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Bad_input_is_refused_naming_it()
    {
        var size = Assert.Throws<ArgumentOutOfRangeException>(() => new FunctionalDataset(SumOfSquares, 0, new long[] { 2 }));
        Assert.Equal("size", size.ParamName);
        Assert.Equal(0, size.ActualValue);
        var shape = Assert.ThrowsAny<ArgumentException>(() => new FunctionalDataset(SumOfSquares, 3, new long[] { 2, 0 }));
        Assert.Equal("inputShape", shape.ParamName);
        var sampler = Assert.Throws<ArgumentException>(() => new FunctionalDataset(SumOfSquares, 3, new long[] { 2 }, sampler: _ => new float[3]));
        Assert.Equal("sampler", sampler.ParamName);
        Assert.Contains("must return 2 values", sampler.Message);
        var ragged = Assert.Throws<ArgumentException>(() => new FunctionalDataset(x => x.sum().item<float>() > 0 ? zeros(1) : zeros(2), 30, new long[] { 1 }));
        Assert.Equal("function", ragged.ParamName);
        Assert.Throws<ArgumentNullException>(() => new FunctionalDataset(null!, 3, new long[] { 2 }));
    }
}
