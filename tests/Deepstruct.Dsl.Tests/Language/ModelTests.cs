using Deepstruct.Binding;
using Xunit;
using static Deepstruct.Dsl.Tests.Language.Dsnet;

namespace Deepstruct.Dsl.Tests.Language;

public class ModelTests
{
    [Theory]
    [InlineData(ModelKind.Ffn, "ffn")]
    [InlineData(ModelKind.Dan, "dan")]
    [InlineData(ModelKind.CellDan, "cell_dan")]
    [InlineData(ModelKind.Rnn, "rnn")]
    public void Each_kind_has_the_keyword_a_model_declares_it_with(ModelKind kind, string keyword)
    {
        Assert.Equal(keyword, kind.Keyword());
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => ((ModelKind)99).Keyword());
        Assert.Equal("kind", exception.ParamName);
    }

    [Fact]
    public void The_models_of_the_contract_bind_with_their_options()
    {
        var result = Compile("""
            structure Tree = balanced_tree(r: 2, h: 3);
            structure World = watts_strogatz(n: 100, k: 4, p: 0.5, seed: 42);
            model TreeNet : dan {
                input 5x5;
                output 2;
                structure Tree;
                activation relu;
                layer_norm;
                bias false;
            }
            model Mnist : ffn { input 1x28x28; hidden 200, 100; output 10; layer_norm; }
            model Seq : rnn { input 1; hidden 100, 100; cell lstm; batch_first; }
            model Cells : cell_dan { input 3x32x32; output 10; structure World; }
            """);

        Assert.Empty(result.Diagnostics);
        var models = result.Models.ToDictionary(model => model.Name);
        Assert.False(models["TreeNet"].Bias);
        Assert.Equal(15, models["TreeNet"].Structure!.VertexCount);
        Assert.Equal(RecurrentCell.Lstm, models["Seq"].Cell);
        Assert.True(models["Seq"].BatchFirst);
        Assert.Equal(0, models["Seq"].OutputSize);
        Assert.Equal(ModelKind.CellDan, models["Cells"].Kind);
        Assert.Equal(3 * 32 * 32, models["Cells"].InputSize);
        Assert.StartsWith("model Cells : cell_dan {", models["Cells"].Source);
    }

    [Fact]
    public void A_model_exposes_named_vertices_and_blocks_of_its_structure()
    {
        var model = Compile("model M : dan { input 4; output 2; structure { block h[3]; vertex o; h -> o; } }").Models.Single();

        Assert.Equal(new VertexBlock(0, 3), model.BoundStructure!.Blocks["h"]);
        Assert.Equal(3, model.BoundStructure.Vertices["o"]);
    }

    [Theory]
    [InlineData("model M : dann { input 4; output 2; structure path(3); }", "DS2003", "did you mean 'dan'")]
    [InlineData("model M : dan { input 4; output 2; structure path(3); activation rellu; }", "DS2003", "did you mean 'relu'")]
    [InlineData("model M : dan { input 4; output 2; structure path(3); hiden 3; }", "DS2003", "did you mean 'hidden'")]
    [InlineData("model M : dan { input 4; output 2; structure path(3); hidden 3; }", "DS2006", "does not take 'hidden'")]
    [InlineData("model M : cell_dan { input 4; output 2; structure path(3); activation tanh; }", "DS2006", "does not take 'activation'")]
    [InlineData("model M : rnn { input 4; hidden 3; output 2; }", "DS2006", "does not take 'output'")]
    [InlineData("model M : dan { input 4; output 2; }", "DS2006", "'structure'")]
    [InlineData("model M : rnn { input 4; hidden 3; cell lstn; }", "DS2003", "did you mean 'lstm'")]
    [InlineData("model M : dan { input 4; input 5; output 2; structure path(3); }", "DS2004", "'input'")]
    [InlineData("model M : dan { input 0; output 2; structure path(3); }", "DS2005", "'input'")]
    [InlineData("model M : dan { input 4x0; output 2; structure path(3); }", "DS2005", "'input'")]
    [InlineData("model M : dan { input 4; output -2; structure path(3); }", "DS2005", "'output'")]
    [InlineData("model M : dan { input 4; output 2; structure path(3); bias maybe; }", "DS2005", "'true' or 'false'")]
    [InlineData("model M : ffn { input 4; hidden 3, 0; output 2; }", "DS2005", "hidden size")]
    [InlineData("model M : dan { input 4; output 2; structure 3; }", "DS2005", "expected a structure")]
    [InlineData("model M : ffn { input 4; hidden 3; output 2; } model M : ffn { input 4; hidden 3; output 2; }", "DS2004", "'M'")]
    public void Bad_models_report_the_expected_error(string source, string id, string fragment)
    {
        var error = SingleError(source);

        Assert.Equal(id, error.Id);
        Assert.Contains(fragment, error.Message);
    }

    [Fact]
    public void An_error_in_one_model_does_not_stop_the_others()
    {
        var result = Compile("""
            model Bad : dan { input 4; output 2; structure Nope; }
            model Good : ffn { input 4; hidden 3; output 2; }
            model AlsoBad : ffn { input 4; output 2; }
            """);

        Assert.Equal(["Good"], result.Models.Select(model => model.Name));
        Assert.Equal(["DS2003", "DS2006"], result.Diagnostics.Select(diagnostic => diagnostic.Id));
    }

    [Fact]
    public void A_model_using_a_broken_structure_fails_without_a_second_error()
    {
        var result = Compile("structure S { a -> a; } model M : dan { input 4; output 2; structure S; }");

        Assert.Empty(result.Models);
        Assert.Equal("DS2002", Assert.Single(result.Diagnostics).Id);
    }

    [Fact]
    public void Attribute_form_binds_one_model_named_after_the_class()
    {
        var result = DsnetCompiler.CompileModel("dan { input 784; output 10; structure watts_strogatz(n: 100, k: 4, p: 0.5, seed: 1); }", "SmallWorld");

        Assert.Empty(result.Diagnostics);
        var model = Assert.Single(result.Models);
        Assert.Equal("SmallWorld", model.Name);
        Assert.Equal(ModelKind.Dan, model.Kind);
        Assert.Equal(100, model.Structure!.VertexCount);
    }

    [Fact]
    public void Attribute_form_locates_diagnostics_relative_to_the_string()
    {
        var text = "dan {\n  input 4; output 2;\n  structure { a -> b; b -> a; }\n}";
        var error = Assert.Single(DsnetCompiler.CompileModel(text, "C").Diagnostics);

        Assert.Equal("DS2001", error.Id);
        Assert.Equal((3, 23), (error.Span.Line, error.Span.Column));
        Assert.Equal("b -> a", text.Substring(error.Span.Offset, error.Span.Length));
    }

    [Theory]
    [InlineData("dan { input 4; output 2; structure path(3); } extra", "DS1001")]
    [InlineData("model M : dan { input 4; output 2; structure path(3); }", "DS1001")]
    [InlineData("", "DS1001")]
    [InlineData("ffn { input 4; output 2; }", "DS2006")]
    public void Attribute_form_rejects_what_is_not_one_model_body(string text, string id)
    {
        Assert.Contains(DsnetCompiler.CompileModel(text, "C").Diagnostics, diagnostic => diagnostic.Id == id);
    }

    [Fact]
    public void The_bound_model_records_which_settings_were_written()
    {
        var result = Compile("""
            // an activation is mentioned here, but not written
            model activation : rnn { input 1; hidden 8; /* activation tanh; */ }
            model Written : rnn { input 1; hidden 8; activation relu; }
            """);

        Assert.Empty(result.Diagnostics);
        var models = result.Models.ToDictionary(model => model.Name);
        Assert.False(models["activation"].IsWritten("activation"));
        Assert.Equal(["hidden", "input"], models["activation"].WrittenSettings.Order());
        Assert.True(models["Written"].IsWritten("activation"));
        Assert.False(models["Written"].IsWritten("cell"));
    }

    [Theory]
    [InlineData("model Big : ffn { input 100000; hidden 100000, 100000; output 10; }", "100000 × 100000")]
    [InlineData("model Big : ffn { input 1000000000; hidden 2; output 10; }", "1000000000 × 2")]
    [InlineData("model Big : rnn { input 8; hidden 20000; cell lstm; }", "20000 × 20000")]
    [InlineData("model Big : dan { input 2147483647; output 2; structure { a -> b; } }", "2147483647 × 1")]
    [InlineData("model Big : dan { input 4; output 2; structure { block x[100000], y[100000]; x -> y : one_to_one; } }", "100000 × 100000")]
    [InlineData("model Big : cell_dan { input 4; output 2000000000; structure { a -> b; } }", "1 × 2000000000")]
    public void A_model_whose_dense_maps_exceed_the_limit_is_too_large_at_its_name(string text, string largest)
    {
        var error = SingleError(text);

        Assert.Equal("DS2008", error.Id);
        Assert.Equal(text.IndexOf("Big", StringComparison.Ordinal), error.Span.Offset);
        Assert.Contains(largest, error.Message, StringComparison.Ordinal);
        Assert.Contains(Limits.MaximumDenseWeights.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_large_dense_model_within_the_limit_binds()
    {
        var result = Compile("model Wide : ffn { input 784; hidden 10000, 10000; output 10; }\nmodel Seq : rnn { input 100; hidden 4000, 4000; cell lstm; }");

        Assert.Empty(result.Diagnostics);
        Assert.Equal(2, result.Models.Count);
    }

    [Fact]
    public void A_dense_model_in_the_attribute_form_is_too_large_at_its_kind()
    {
        var result = DsnetCompiler.CompileModel("ffn { input 100000; hidden 100000, 100000; output 10; }", "Big");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(("DS2008", 0), (error.Id, error.Span.Offset));
    }

    [Theory]
    [InlineData("model M : rnn { input 4; hidden 3; output 2; }", "An 'rnn' model does not take 'output'")]
    [InlineData("model M : ffn { input 4; hidden 3; output 2; structure path(2); }", "An 'ffn' model does not take 'structure'")]
    [InlineData("model M : dan { input 4; output 2; structure path(3); hidden 3; }", "A 'dan' model does not take 'hidden'")]
    [InlineData("model M : cell_dan { input 4; output 2; structure path(3); bias true; }", "A 'cell_dan' model does not take 'bias'")]
    [InlineData("model M : rnn { input 4; }", "an 'rnn' model requires")]
    [InlineData("model M : ffn { input 4; output 2; }", "an 'ffn' model requires")]
    [InlineData("model M : dan { input 4; output 2; }", "a 'dan' model requires")]
    public void Messages_name_a_kind_with_the_article_it_is_read_with(string source, string fragment) =>
        Assert.Contains(fragment, SingleError(source).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("model M : dan { input 0; output 2; structure path(3); }", "found 0,")]
    [InlineData("model M : dan { input 4x0; output 2; structure path(3); }", "found 4x0,")]
    [InlineData("model M : dan { input 65536x65536; output 2; structure path(3); }", "found 65536x65536 (4294967296 in all),")]
    [InlineData("model M : dan { input 99999999999999999999; output 2; structure path(3); }", "found 99999999999999999999,")]
    [InlineData("model M : dan { input 4; output 0; structure path(3); }", "found 0,")]
    [InlineData("model M : ffn { input 4; hidden 3, -1; output 2; }", "found -1,")]
    [InlineData("structure S = scale(path(3), total: 10, proportions: { 7: 1 });", "found 7,")]
    [InlineData("structure S = path(0);", "but was 0")]
    [InlineData("structure S = erdos_renyi(n: 4, p: 1.5, seed: 1);", "found 1.5,")]
    public void Every_out_of_range_message_says_the_value_found(string source, string fragment)
    {
        var error = SingleError(source);

        Assert.Equal("DS2005", error.Id);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }
}
