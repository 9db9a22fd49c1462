using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Core.Replies;
using ChatOps.Core.Slack;

namespace ChatOps.Core.Commands.Config;

/// <summary>A shared file made a planned candidate: the target looked up, the file fetched from Slack within the
/// target's limit (only from this workspace), and planned by the Ops service. Every refusal is a reply; nothing is written.</summary>
public sealed class ConfigCandidate(IOpsClient ops, ISlackClient slack)
{
    public async Task<(ConfigPlanInfo? Plan, string FileName, ChatReply? Refusal)> PlanAsync(string target, string fileId, CommandContext context,
        OpsCaller caller, CancellationToken ct)
    {
        var targets = await ops.ListConfigTargetsAsync(caller, ct).ConfigureAwait(false);
        if (targets.FirstOrDefault(t => string.Equals(t.Name, target, StringComparison.OrdinalIgnoreCase)) is not { } info)
            return Refused($"There is no config target {Mrkdwn.Code(target)}. Targets: {string.Join(", ", targets.Select(t => Mrkdwn.Code(t.Name)))}.");
        SlackFile file;
        try
        {
            file = await slack.FileInfoAsync(fileId, ct).ConfigureAwait(false);
        }
        catch (SlackApiException ex) when (!ex.IsTransient)
        {
            return Refused($"I could not read the file {Mrkdwn.Code(fileId)} from Slack ({Mrkdwn.Code(ex.Error)}); share it again.");
        }
        if (file.UserTeam is { } team && context.TeamId is { } here && team != here)
            return Refused($"{Mrkdwn.Code(file.Name)} was shared from another workspace; only files from this one are pushed.");
        var download = await slack.DownloadFileAsync(file, info.MaxBytes, ct).ConfigureAwait(false);
        if (download.Content is not { } content)
            return Refused($"{Mrkdwn.Code(file.Name)} was not taken: {Mrkdwn.Escape(download.Problem ?? "no content")}.");
        var plan = await ops.PlanConfigAsync(info.Name, content, caller, ct).ConfigureAwait(false);
        if (plan.Refusal is { } refusal)
            return Refused($"{Mrkdwn.Code(file.Name)} was not pushed to {Mrkdwn.Code(info.Name)}: {Mrkdwn.Escape(refusal)}. Nothing was written." +
                           ConfigReplies.Output(plan.Output));
        if (plan.CandidateRevision == plan.CurrentRevision)
            return Refused($"{Mrkdwn.Code(info.Name)} already has exactly the content of {Mrkdwn.Code(file.Name)} (revision {Mrkdwn.Code(plan.CurrentRevision)}).");
        return (plan, file.Name, null);
    }

    private static (ConfigPlanInfo?, string, ChatReply?) Refused(string text) => (null, "", ChatReply.Plain(":no_entry: " + text));
}
