using Spectre.Console;

namespace Deepstruct.Samples.Tests;

/// <summary>A Spectre console that writes plain text (no colors, no live rendering) into a string.</summary>
internal sealed class SampleConsole : IDisposable
{
    private readonly StringWriter _writer = new();

    public SampleConsole()
    {
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(_writer),
        });
        Console.Profile.Width = 200;
    }

    public IAnsiConsole Console { get; }

    public string Text => _writer.ToString();

    public void Dispose() => _writer.Dispose();
}
