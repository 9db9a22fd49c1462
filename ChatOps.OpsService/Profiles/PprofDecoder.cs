using ChatOps.OpsService.Profiles.Wire;
using Google.Protobuf;

namespace ChatOps.OpsService.Profiles;

/// <summary>
/// Reads a pprof profile (gzipped or not) into a <see cref="ProfileSummary"/>. Everything in the profile is checked
/// before it is used (string, location and function references, value counts, sums), so a malformed or hostile
/// profile is a <see cref="ProfileFailure"/>, never an exception of another kind.
/// </summary>
public static class PprofDecoder
{
    public const int TopCount = 15;

    /// <summary>The deepest stack kept per sample; deeper ones lose their outermost callers (the hot leaf is what matters).</summary>
    public const int MaxDepth = 1024;

    /// <summary>The frames read over all samples: past this the profile is refused rather than tie up the service.</summary>
    public const int MaxFrames = 10_000_000;

    /// <summary>The root frame of a stack cut to <see cref="MaxDepth"/>, so the flame graph shows that callers are missing.</summary>
    public const string CutFrame = "(deeper callers cut)";

    /// <summary>Where the paths go once the tree holds <see cref="FlameTree.MaxNodes"/> frames.</summary>
    public const string MoreFrame = FlameTree.More;

    public static async Task<ProfileSummary> DecodeAsync(byte[] raw, long maxBytes, CancellationToken ct = default)
    {
        var bytes = BoundedRead.IsGzip(raw) ? await BoundedRead.GunzipAsync(raw, maxBytes, ct).ConfigureAwait(false) : raw;
        if (bytes.Length == 0) throw new ProfileFailure("the profile is empty");
        Profile profile;
        try
        {
            profile = Profile.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new ProfileFailure("the profile is corrupt (not a complete pprof profile)", ex);
        }
        try
        {
            return Summarise(profile, ct);
        }
        catch (OverflowException ex)
        {
            throw new ProfileFailure("the profile is corrupt (its values overflow)", ex);
        }
    }

    private static ProfileSummary Summarise(Profile p, CancellationToken ct)
    {
        if (p.SampleType.Count == 0) throw new ProfileFailure("the profile is corrupt (it names no sample type)");
        string Str(long index) => index >= 0 && index < p.StringTable.Count
            ? p.StringTable[(int)index]
            : throw new ProfileFailure("the profile is corrupt (a name points outside its string table)");

        var valueIndex = ValueIndex(p, Str);
        var functions = new Dictionary<ulong, string>();
        foreach (var f in p.Function)
            functions[f.Id] = Str(f.Name) is { Length: > 0 } name ? name : Str(f.SystemName) is { Length: > 0 } system ? system : "?";
        var frames = new Dictionary<ulong, string[]>();
        foreach (var location in p.Location) frames[location.Id] = FramesOf(location, functions);

        var tree = new FlameTree();
        var flat = new Dictionary<string, long>(StringComparer.Ordinal);
        var cumulative = new Dictionary<string, long>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new List<string>();
        long total = 0;
        var count = 0;
        long frameCount = 0;
        var read = 0;
        foreach (var sample in p.Sample)
        {
            // Reading is CPU work a stopping service or a cancelled capture should not wait out.
            if ((read++ & 255) == 0) ct.ThrowIfCancellationRequested();
            if (sample.Value.Count != p.SampleType.Count) throw new ProfileFailure("the profile is corrupt (a sample's values do not match its sample types)");
            var value = sample.Value[valueIndex];
            if (value <= 0) continue;
            stack.Clear();
            // Locations come leaf first, and inside one location the inlined callee comes before its caller: read leaf
            // first and stop at MaxDepth, so a stack repeating one location millions of times costs MaxDepth frames.
            var cut = false;
            for (var i = 0; i < sample.LocationId.Count && !cut; i++)
            {
                if (!frames.TryGetValue(sample.LocationId[i], out var names))
                    throw new ProfileFailure("the profile is corrupt (a sample points at a location it does not hold)");
                for (var j = names.Length - 1; j >= 0; j--)
                {
                    if (stack.Count == MaxDepth) { cut = true; break; }
                    stack.Add(names[j]);
                }
            }
            if (cut) stack.Add(CutFrame);
            stack.Reverse();
            frameCount += stack.Count;
            if (frameCount > MaxFrames)
                throw new ProfileFailure($"the profile is too large to read (over {MaxFrames:N0} frames in its samples)");
            if (stack.Count == 0) stack.Add("(unknown)");
            total = checked(total + value);
            count++;
            tree.Add(stack, value);
            flat[stack[^1]] = checked(flat.GetValueOrDefault(stack[^1]) + value);
            seen.Clear();
            // A recursive function counts once per sample, as pprof counts it.
            foreach (var name in stack)
                if (seen.Add(name)) cumulative[name] = checked(cumulative.GetValueOrDefault(name) + value);
        }

        var top = cumulative
            .Select(c => new TopFunction(c.Key, flat.GetValueOrDefault(c.Key), c.Value))
            .OrderByDescending(t => t.Flat).ThenByDescending(t => t.Cumulative).ThenBy(t => t.Name, StringComparer.Ordinal)
            .Take(TopCount)
            .ToList();
        var type = p.SampleType[valueIndex];
        return new ProfileSummary(Str(type.Type), Str(type.Unit), total, Math.Max(0, p.DurationNanos), Math.Max(0, p.TimeNanos), count, top, tree.Flatten(total));
    }

    /// <summary>The default sample type when the profile names one (heap: inuse_space), else the last, as pprof picks.</summary>
    private static int ValueIndex(Profile p, Func<long, string> str)
    {
        if (p.DefaultSampleType != 0)
        {
            var wanted = str(p.DefaultSampleType);
            for (var i = 0; i < p.SampleType.Count; i++)
                if (str(p.SampleType[i].Type) == wanted) return i;
        }
        return p.SampleType.Count - 1;
    }

    private static string[] FramesOf(Location location, Dictionary<ulong, string> functions)
    {
        if (location.Line.Count == 0) return [$"0x{location.Address:x}"];
        var names = new string[location.Line.Count];
        for (var i = 0; i < location.Line.Count; i++)
        {
            // Callers first, so the array reads root to leaf like the stack it is added to.
            var line = location.Line[location.Line.Count - 1 - i];
            names[i] = functions.TryGetValue(line.FunctionId, out var name)
                ? name
                : throw new ProfileFailure("the profile is corrupt (a location points at a function it does not hold)");
        }
        return names;
    }
}
