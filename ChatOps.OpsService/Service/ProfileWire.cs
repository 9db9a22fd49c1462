using ChatOps.OpsService.Profiles;
using ChatOps.Wire.Ops;
using Google.Protobuf;

namespace ChatOps.OpsService.Service;

/// <summary>A capture as the contract's ProfileResp.</summary>
internal static class ProfileWire
{
    /// <summary>Under the bot's 4 MB receive limit with room for the summary; a larger raw profile is summarised
    /// but not passed on (its size still is).</summary>
    public const int MaxRawBytes = 3 * 1024 * 1024;

    public static ProfileResp Answer(ProfileCapture c)
    {
        var response = new ProfileResp
        {
            Id = c.Id, Service = c.Service, Kind = c.Kind, Seconds = c.Seconds, RequestedBy = c.RequestedBy,
            ReadyAt = Nanos.From(c.ReadyAt), TakenAt = Nanos.From(c.StartedAt), Done = c.Work.IsCompleted,
        };
        if (!c.Work.IsCompleted) return response;
        var taken = c.Work.Result;
        if (taken.Failure is { } failure)
        {
            response.Failure = failure;
            return response;
        }
        var s = taken.Summary!;
        response.RawBytes = taken.Raw.Length;
        if (taken.Raw.Length <= MaxRawBytes) response.Raw = ByteString.CopyFrom(taken.Raw);
        response.SampleType = s.SampleType;
        response.Unit = s.Unit;
        response.Total = s.Total;
        response.DurationNanos = s.DurationNanos;
        response.SampleCount = s.SampleCount;
        if (s.TimeNanos > 0) response.TakenAt = s.TimeNanos;
        response.Top.AddRange(s.Top.Select(t => new ProfileFunction { Name = t.Name, Flat = t.Flat, Cumulative = t.Cumulative }));
        response.Flame.AddRange(s.Flame.Select(f => new FlameFrame { Name = f.Name, Value = f.Value, Parent = f.Parent }));
        return response;
    }
}
