using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Commands.Profiles;

/// <summary>`profile &lt;service&gt; …`: the Ops service takes the pprof profile; the reply says so at once and for how long,
/// and the worker posts the flame graph, the top functions and the raw profile in the thread once it is in.</summary>
public sealed class ProfileCommand(IOpsClient ops) : Command<ProfileArgs, ProfileResult>
{
    public override CommandInfo Info { get; } = new(
        "profile", "<service> [cpu [for <duration>]|heap|allocs|goroutine|mutex|block]",
        "Take a pprof profile of a service: a flame graph, the top functions and the raw profile in the thread.",
        "CPU for 30 s unless told otherwise; the others are snapshots. Open the raw .pb.gz with `go tool pprof`. One profile per service at a time.",
        ["profile checkout", "profile checkout cpu for 10s", "profile checkout heap"]);

    public override ParseResult<ProfileArgs> Parse(string arguments) => ProfileArgs.Parse(arguments);

    public override async Task<ProfileResult> ExecuteAsync(ProfileArgs args, CommandContext context, CancellationToken ct = default)
    {
        // Never waited for here: the worker collects it, so no invocation holds for the profile's seconds.
        var request = new ProfileRequest(args.Service, args.Kind, args.Seconds, context.UserId, context.CommandId, Wait: false);
        var start = await ops.TakeProfileAsync(request, context.Caller(Info.Name), ct).ConfigureAwait(false);
        return start.Profile is { } profile ? new ProfileResult.Started(profile) : new ProfileResult.Refused(args.Service, start.Refusal ?? "refused");
    }

    public override ChatReply Render(ProfileResult result) => result switch
    {
        ProfileResult.Started s => ChatReply.Plain(ProfileReplies.Taking(s.Profile)),
        ProfileResult.Refused r => ChatReply.Plain($":no_entry: No profile of {Mrkdwn.Code(r.Service)}: {Mrkdwn.Escape(r.Why)}."),
        _ => throw new ArgumentOutOfRangeException(nameof(result)),
    };
}
