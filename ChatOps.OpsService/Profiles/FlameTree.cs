namespace ChatOps.OpsService.Profiles;

/// <summary>The call tree of a profile's samples, merged by function name along each path, as a flame graph draws it.</summary>
internal sealed class FlameTree
{
    /// <summary>Frames narrower than this share of the total would be under a pixel wide at 1200 px: merged away.</summary>
    public const double MinShare = 0.0005;

    /// <summary>A bound on what goes over the wire whatever the profile's shape.</summary>
    public const int MaxFrames = 5000;

    /// <summary>A bound on the tree in memory: paths that would grow it further are folded into a "(more)" frame.</summary>
    public const int MaxNodes = 200_000;

    public const string More = "(more)";

    private readonly Node _root = new("root");

    private int _nodes;

    public void Add(IReadOnlyList<string> stack, long value)
    {
        var node = _root;
        foreach (var name in stack)
        {
            if (!node.Children.TryGetValue(name, out var child))
            {
                if (_nodes >= MaxNodes)
                {
                    // The rest of this path is folded: at most one "(more)" per node, so the tree stays under twice the bound.
                    if (!node.Children.TryGetValue(More, out child)) node.Children[More] = child = new Node(More);
                    child.Value = checked(child.Value + value);
                    return;
                }
                node.Children[name] = child = new Node(name);
                _nodes++;
            }
            child.Value = checked(child.Value + value);
            node = child;
        }
    }

    /// <summary>Parents before children, the widest sibling first, so the hottest path is the left edge.</summary>
    public IReadOnlyList<FlameEntry> Flatten(long total)
    {
        var entries = new List<FlameEntry>();
        var min = Math.Max(1, (long)(total * MinShare));
        var queue = new Queue<(Node Node, int Parent)>();
        foreach (var child in Widest(_root, min)) queue.Enqueue((child, -1));
        while (queue.Count > 0 && entries.Count < MaxFrames)
        {
            var (node, parent) = queue.Dequeue();
            entries.Add(new FlameEntry(node.Name, node.Value, parent));
            var index = entries.Count - 1;
            foreach (var child in Widest(node, min)) queue.Enqueue((child, index));
        }
        return entries;
    }

    private static IEnumerable<Node> Widest(Node node, long min) =>
        node.Children.Values.Where(c => c.Value >= min).OrderByDescending(c => c.Value).ThenBy(c => c.Name, StringComparer.Ordinal);

    private sealed class Node(string name)
    {
        public string Name { get; } = name;
        public long Value { get; set; }
        public Dictionary<string, Node> Children { get; } = new(StringComparer.Ordinal);
    }
}
