using Deepstruct.Structures;

// A structure prior: a small-world graph, its layers, and how a DAN is wired on it.
var structure = StructureFamilies.WattsStrogatz(n: 100, k: 4, p: 0.5, seed: 1);
Console.WriteLine($"watts_strogatz(100, 4, 0.5, seed 1): {structure.VertexCount} vertices, {structure.EdgeCount} edges, {structure.LayerCount} layers");
Console.WriteLine($"layer sizes: {string.Join(" ", structure.Layers.LayerSizes())}");

var plan = DanWiringPlan.Create(structure, inputSize: 784, outputSize: 10);
Console.WriteLine($"DAN 784 -> {structure.VertexCount} neurons -> 10:");
Console.WriteLine($"  {plan.InputMap}");
foreach (var map in plan.MainMaps.Take(3))
{
    Console.WriteLine($"  {map}");
}

Console.WriteLine($"  ... {plan.MainMaps.Count} main maps and {plan.SkipMaps.Count} skip maps carrying {plan.MainMaps.Concat(plan.SkipMaps).Sum(m => m.ConnectionCount)} connections");
Console.WriteLine($"  {plan.OutputMap}");

var tree = StructureFamilies.BalancedTree(r: 2, h: 3);
var blob = StructureEncoding.Encode(tree);
Console.WriteLine($"balanced_tree(2, 3) encodes to {blob.Length} bytes; decoded layers: {string.Join(" ", StructureEncoding.Decode(blob).Layers.LayerSizes())}");
