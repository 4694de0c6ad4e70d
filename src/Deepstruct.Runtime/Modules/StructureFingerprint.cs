using Deepstruct.Structures;

namespace Deepstruct;

/// <summary>
/// A 64-bit fingerprint of a structure (FNV-1a over its vertex count and its edges in adjacency order):
/// what an edge-stored DAN saves beside its weights, since an edge list of another structure with as many
/// edges has the same shapes and would otherwise load silently.
/// </summary>
internal static class StructureFingerprint
{
    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    /// <summary>The fingerprint of <paramref name="structure"/>; O(V + E).</summary>
    public static long Of(Structure structure)
    {
        var hash = Mix(Offset, structure.VertexCount);
        for (var vertex = 0; vertex < structure.VertexCount; vertex++)
        {
            foreach (var target in structure.Successors(vertex))
            {
                hash = Mix(Mix(hash, vertex), target);
            }
        }

        return unchecked((long)hash);
    }

    private static ulong Mix(ulong hash, int value)
    {
        unchecked
        {
            for (var shift = 0; shift < 32; shift += 8)
            {
                hash = (hash ^ (byte)(value >> shift)) * Prime;
            }
        }

        return hash;
    }
}
