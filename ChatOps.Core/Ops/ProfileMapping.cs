using ChatOps.Core.Ops.Model;
using ChatOps.Wire.Ops;

namespace ChatOps.Core.Ops;

/// <summary>ProfileResp to <see cref="ProfileInfo"/>. The flame tree is checked here (each parent earlier, values
/// not negative, a child no wider than its parent), so nothing past the wrapper can be handed a tree that loops.</summary>
internal static class ProfileMapping
{
    public static ProfileInfo From(ProfileResp r)
    {
        var frames = new List<ProfileFrame>(r.Flame.Count);
        for (var i = 0; i < r.Flame.Count; i++)
        {
            var f = r.Flame[i];
            if (f.Parent < -1 || f.Parent >= i || f.Value < 0 || (f.Parent >= 0 && f.Value > r.Flame[f.Parent].Value))
                throw new FormatException($"flame frame {i} is not a valid child of frame {f.Parent}");
            frames.Add(new ProfileFrame(f.Name, f.Value, f.Parent));
        }
        return new ProfileInfo(r.Id, r.Service, r.Kind, r.Seconds, r.RequestedBy, UnixNanos.ToTime(r.TakenAt), UnixNanos.ToTime(r.ReadyAt),
            r.Done, r.Failure.Length > 0 ? r.Failure : null)
        {
            Raw = r.Raw.ToByteArray(),
            RawBytes = r.RawBytes,
            SampleType = r.SampleType,
            Unit = r.Unit,
            Total = Math.Max(0, r.Total),
            Duration = TimeSpan.FromTicks(Math.Clamp(r.DurationNanos / 100, 0, TimeSpan.FromDays(1).Ticks)),
            SampleCount = r.SampleCount,
            Top = r.Top.Select(t => new ProfileFunctionCost(t.Name, t.Flat, t.Cumulative)).ToList(),
            Flame = frames,
        };
    }
}
