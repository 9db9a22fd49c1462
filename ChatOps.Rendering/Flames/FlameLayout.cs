using ChatOps.Core.Ops.Model;

namespace ChatOps.Rendering.Flames;

/// <summary>Where each frame goes: depth 0 is the whole profile, a frame sits under its caller, siblings left to right
/// in the order given (widest first), each as wide as its share of the total. Frames under a pixel wide are left out.</summary>
internal static class FlameLayout
{
    public const int MaxDepth = 80;

    public static IReadOnlyList<FlameBox> Of(IReadOnlyList<ProfileFrame> frames, long total, float left, float width)
    {
        var boxes = new List<FlameBox>();
        if (total <= 0) return boxes;
        var placed = new FlameBox?[frames.Count];
        var next = new Dictionary<int, float>();   // where the next child of a frame starts (-1: the whole)
        for (var i = 0; i < frames.Count; i++)
        {
            var f = frames[i];
            // The mapping guarantees parents come first; a parent left out (too narrow) leaves its children out too.
            var parent = f.Parent >= 0 ? placed[f.Parent] : null;
            if (f.Parent >= 0 && parent is null) continue;
            var depth = (parent?.Depth ?? 0) + 1;
            var x = next.GetValueOrDefault(f.Parent, parent?.X ?? left);
            var w = (float)((double)f.Value / total * width);
            next[f.Parent] = x + w;
            if (w < 1 || depth > MaxDepth) continue;
            placed[i] = new FlameBox(i, f.Name, x, w, depth);
            boxes.Add(placed[i]!);
        }
        return boxes;
    }
}

/// <summary>A frame's place: <see cref="Depth"/> 1 is a root (0 is the "all" bar).</summary>
internal sealed record FlameBox(int Index, string Name, float X, float Width, int Depth);
