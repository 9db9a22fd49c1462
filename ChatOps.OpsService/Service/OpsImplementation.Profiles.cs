using ChatOps.OpsService.Grpc;
using ChatOps.OpsService.Profiles;
using ChatOps.Wire.Ops;
using Grpc.Core;

namespace ChatOps.OpsService.Service;

/// <summary>The profile methods: the work is in ProfileCaptures; these only map.</summary>
internal sealed partial class OpsImplementation
{
    public override Task<ListProfileTargetsResp> ListProfileTargets(ListProfileTargetsReq r, ServerCallContext call)
    {
        var response = new ListProfileTargetsResp();
        response.Targets.AddRange(profiles.Targets.Select(t => new ProfileTarget { Service = t.Service, MaxSeconds = t.Source.MaxSeconds, MaxBytes = t.Source.MaxBytes }));
        return Task.FromResult(response);
    }

    public override async Task<ProfileResp> TakeProfile(TakeProfileReq r, ServerCallContext call)
    {
        var requestedBy = MetadataText.Sanitise(r.RequestedBy.Length > 0 ? r.RequestedBy : call.RequestHeaders.GetValue("x-chatops-user"));
        var start = profiles.Start(new ProfileOrder(r.Service, r.Kind.ToLowerInvariant(), r.Seconds, requestedBy, r.RequestId));
        if (start.Capture is not { } capture) return new ProfileResp { Refusal = start.Refusal ?? "refused" };
        if (r.Wait)
        {
            // The caller's deadline may end first; the capture goes on and can still be collected by its id.
            try
            {
                await capture.Work.WaitAsync(call.CancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return ProfileWire.Answer(capture);
            }
        }
        return ProfileWire.Answer(capture);
    }

    public override Task<ProfileResp> CollectProfile(CollectProfileReq r, ServerCallContext call) =>
        profiles.Find(r.Id) is { } capture
            ? Task.FromResult(ProfileWire.Answer(capture))
            : throw new RpcException(new Status(StatusCode.NotFound, $"no profile {MetadataText.Sanitise(r.Id)} (finished ones are kept for {options.Profiles.KeepFor.TotalMinutes:0} minutes)"));
}
