using Deepstruct.FashionMnistSample;

namespace Deepstruct.Samples.Tests;

public class ExperimentOptionsTests
{
    [Fact]
    public void Without_arguments_the_full_run_has_three_seeds_all_data_and_the_full_recipe()
    {
        var options = ExperimentOptions.Parse(Array.Empty<string>());

        Assert.False(options.Quick);
        Assert.Equal(3, options.Seeds);
        Assert.Null(options.TrainLimit);
        Assert.Null(options.TestLimit);
        Assert.Null(options.DataFolder);
        Assert.Equal(TrainingRecipe.Full, options.Recipe);
    }

    [Fact]
    public void Quick_uses_a_subset_one_epoch_and_one_seed_unless_told_otherwise()
    {
        var quick = ExperimentOptions.Parse(new[] { "--quick" });
        var quickWithSeeds = ExperimentOptions.Parse(new[] { "--seeds", "2", "--quick", "--epochs", "3" });

        Assert.Equal((1, 1, 1, 4000, 2000), (quick.Seeds, quick.Recipe.Epochs, quick.Recipe.FineTuneEpochs, quick.TrainLimit!.Value, quick.TestLimit!.Value));
        Assert.Equal((2, 3), (quickWithSeeds.Seeds, quickWithSeeds.Recipe.Epochs));
    }

    [Fact]
    public void Folders_threads_batch_size_and_learning_rate_are_read()
    {
        var options = ExperimentOptions.Parse(new[] { "--data", "/d", "--out", "/o", "--threads", "1", "--batch-size", "256", "--learning-rate", "0.002", "--fine-tune-epochs", "5" });

        Assert.Equal(("/d", "/o", 1, 256, 0.002, 5), (options.DataFolder, options.OutputFolder, options.Threads, options.Recipe.BatchSize, options.Recipe.LearningRate, options.Recipe.FineTuneEpochs));
    }

    [Fact]
    public void Replot_names_the_folder_of_an_earlier_run() =>
        Assert.Equal("/r", ExperimentOptions.Parse(new[] { "--replot", "/r" }).ReplotFolder);
}
