using Deepstruct.Structures;
using Xunit;

namespace Deepstruct.Dsl.Tests.Language;

/// <summary>The combinators behind <c>+</c>, <c>stack</c>, <c>scale</c> and block patterns, used directly as the runtime will.</summary>
public class StructureOperationsTests
{
    [Fact]
    public void Disjoint_union_of_many_shifts_each_part_by_those_before()
    {
        var union = StructureOperations.DisjointUnion([StructureFamilies.Path(2), StructureFamilies.Path(3), StructureFamilies.Star(1)]);

        Assert.Equal(7, union.VertexCount);
        Assert.Equal([new Edge(0, 1), new Edge(2, 3), new Edge(3, 4), new Edge(5, 6)], union.Edges);
    }

    [Fact]
    public void Stack_mapping_merges_the_first_layer_position_by_position()
    {
        var lower = StructureFamilies.Star(2);                                   // 0 -> 1, 0 -> 2: last layer {1, 2}
        var upper = Structure.Create(4, [new Edge(0, 2), new Edge(1, 3)]);      // first layer {0, 1}

        Assert.Equal([1, 2, 3, 4], StructureOperations.StackMapping(lower, upper));
        Assert.Equal([new Edge(0, 1), new Edge(0, 2), new Edge(1, 3), new Edge(2, 4)], StructureOperations.Stack(lower, upper).Edges);
    }

    [Fact]
    public void Stack_of_unequal_boundaries_throws_naming_the_parameter()
    {
        var exception = Assert.Throws<ArgumentException>(() => StructureOperations.Stack(StructureFamilies.Star(3), StructureFamilies.Path(2)));

        Assert.Equal("upper", exception.ParamName);
    }

    [Theory]
    [InlineData(4, 10, new long[] { 2, 2, 2, 2 })]        // 2.5 -> 2
    [InlineData(4, 14, new long[] { 4, 4, 4, 4 })]        // 3.5 -> 4
    [InlineData(3, 1, new long[] { 1, 1, 1 })]            // never empty
    public void Scaled_block_sizes_round_half_to_even_and_are_never_empty(int vertices, long total, long[] expected)
    {
        Assert.Equal(expected, StructureOperations.ScaledBlockSizes(vertices, total));
    }

    [Fact]
    public void Scale_connects_blocks_completely_and_reports_where_they_are()
    {
        var scaled = StructureOperations.Scale(StructureFamilies.Path(2), [2, 3]);

        Assert.Equal(5, scaled.Structure.VertexCount);
        Assert.Equal(6, scaled.Structure.EdgeCount);
        Assert.Equal((2, 3), (scaled.BlockStart(1), scaled.BlockLength(1)));
        Assert.Equal(6, StructureOperations.ScaledEdgeCount(StructureFamilies.Path(2), [2, 3]));
    }

    [Fact]
    public void Block_patterns_skip_self_pairs_and_count_them()
    {
        var builder = new StructureBuilder(3);
        var skipped = BlockPattern.Full.Connect(builder, 0, 2, 1, 2);

        Assert.Equal(1, skipped);
        Assert.Equal(3, builder.EdgeCount);
        Assert.Throws<ArgumentException>(() => BlockPattern.OneToOne.Connect(new StructureBuilder(5), 0, 2, 2, 3));
        Assert.Equal(3 * 3, BlockPattern.Band(1).MaxEdgeCount(3, 100));
    }
}
