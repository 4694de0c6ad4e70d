using Deepstruct.Generators.Tests.Infrastructure;

namespace Deepstruct.Generators.Tests;

/// <summary>Defaults that differ by kind are decided by what the binder saw written, never by the text around it.</summary>
public class WrittenSettingsTests
{
    private static string Generated(string text)
    {
        var (result, _) = GeneratorHarness.RunFile("/p/models/seq.dsnet", text);
        return string.Concat(result.Results.SelectMany(r => r.GeneratedSources).Select(s => s.SourceText.ToString()));
    }

    [Theory]
    [InlineData("// the activation is left to the runtime\nmodel Seq : rnn { input 3; hidden 8; }")]
    [InlineData("model Seq : rnn { input 3; hidden 8; /* activation relu; */ }")]
    [InlineData("model activation : rnn { input 3; hidden 8; }")]
    [InlineData("namespace activation.Models;\nmodel Seq : rnn { input 3; hidden 8; }")]
    public void An_rnn_whose_text_mentions_activation_without_writing_it_keeps_the_runtime_default_tanh(string text)
    {
        var generated = Generated(text);

        Assert.Contains("global::Deepstruct.RecurrentCell.Rnn, false)", generated, StringComparison.Ordinal);
        Assert.DoesNotContain("global::Deepstruct.Activation.ReLU", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void An_rnn_that_writes_its_activation_passes_it()
    {
        var generated = Generated("model Seq : rnn { input 3; hidden 8; activation relu; }");

        Assert.Contains("global::Deepstruct.RecurrentCell.Rnn, false, global::Deepstruct.Activation.ReLU)", generated, StringComparison.Ordinal);
    }
}
