using System.Text;

namespace Deepstruct.Generators.Emit;

/// <summary>
/// A minimal indented writer. Generated text is built by appending strings; Roslyn's syntax
/// factories and <c>NormalizeWhitespace</c> would be far slower for large models.
/// </summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder _builder;
    private int _indent;

    public CodeWriter(int capacity = 4096) => _builder = new StringBuilder(capacity);

    public void Line(string text = "")
    {
        if (text.Length > 0)
        {
            _builder.Append(' ', _indent * 4);
            _builder.Append(text);
        }

        // '\n' on every OS keeps the output byte-for-byte deterministic.
        _builder.Append('\n');
    }

    public void Open(string header)
    {
        Line(header);
        Line("{");
        _indent++;
    }

    public void Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
    }

    /// <summary>Appends raw text at the current position, without indentation or newline.</summary>
    public StringBuilder Raw => _builder;

    public void Indent() => _builder.Append(' ', _indent * 4);

    public override string ToString() => _builder.ToString();
}
