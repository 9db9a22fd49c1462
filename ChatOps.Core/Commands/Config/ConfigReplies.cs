using System.Globalization;
using ChatOps.Core.Ops.Model;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Commands.Config;

/// <summary>How config changes read in Slack: the diff in a code block (bounded, with a summary when cut), the
/// checkers' output escaped, and what happened in words.</summary>
public static class ConfigReplies
{
    /// <summary>Diff lines shown inline; a section holds 3,000 characters, so longer diffs are cut to this and summarised.</summary>
    public const int MaxDiffChars = 2400;
    private const int MaxOutputLines = 15;

    public static string Bytes(int bytes) => bytes >= 1024 ? $"{bytes / 1024} KB" : $"{bytes} bytes";

    /// <summary>The diff as a code block; when it does not fit, its first lines, and that the whole of it is in the
    /// thread (<see cref="DiffFile"/> is uploaded there).</summary>
    public static string Diff(string diff)
    {
        if (diff.Length == 0) return "_no change_";
        var lines = diff.TrimEnd('\n').Split('\n');
        var added = lines.Count(l => l.StartsWith('+') && !l.StartsWith("+++", StringComparison.Ordinal));
        var removed = lines.Count(l => l.StartsWith('-') && !l.StartsWith("---", StringComparison.Ordinal));
        var summary = $"{added} line{(added == 1 ? "" : "s")} added, {removed} removed";
        if (diff.Length <= MaxDiffChars) return $"{summary}:\n```\n{Fence(diff.TrimEnd())}\n```";
        var shown = new List<string>();
        var length = 0;
        foreach (var line in lines)
        {
            if (length + line.Length + 1 > MaxDiffChars) break;
            shown.Add(line);
            length += line.Length + 1;
        }
        return $"{summary}; the whole diff, {lines.Length:N0} lines, is in the thread. Its first {shown.Count} lines:\n" +
               $"```\n{Fence(string.Join('\n', shown))}\n```";
    }

    /// <summary>The whole diff as a `.diff` snippet for the prompt's thread, when <see cref="Diff"/> cannot show all of it; null
    /// when it can. A file's bytes are shown as they are, so nothing in it is escaped.</summary>
    public static ReplyFile? DiffFile(string target, string diff) =>
        diff.Length <= MaxDiffChars ? null
            : new ReplyFile($"{target}.diff", BlockKitLimits.Truncate($"Diff for {target}", 200), $"The whole diff for {target}",
                System.Text.Encoding.UTF8.GetBytes(diff));

    public static string Output(IReadOnlyList<string> output)
    {
        if (output.Count == 0) return "";
        var shown = output.TakeLast(MaxOutputLines).ToList();
        var cut = output.Count > shown.Count ? $"(last {shown.Count} of {output.Count} lines)\n" : "";
        return $"\n{cut}```\n{Fence(string.Join('\n', shown))}\n```";
    }

    public static ChatReply Change(string target, ConfigChangeResult result, string verb) => result.Outcome switch
    {
        "applied" => ChatReply.Plain($":white_check_mark: {verb} {Mrkdwn.Code(target)}: revision {Mrkdwn.Code(result.Revision)} is in place " +
                                     $"(was {Mrkdwn.Code(result.Previous)}), reloaded and verified.{Output(result.Output)}"),
        "restored" => ChatReply.Plain($":warning: {verb} {Mrkdwn.Code(target)} failed after it was written: the reload or the verification " +
                                      $"did not succeed, so the previous revision {Mrkdwn.Code(result.Previous)} was restored and reloaded.{Output(result.Output)}"),
        "unchanged" => ChatReply.Plain($"{Mrkdwn.Code(target)} already has that content (revision {Mrkdwn.Code(result.Revision)}); nothing was written."),
        _ => ChatReply.Plain($":no_entry: {verb} {Mrkdwn.Code(target)} refused: {Mrkdwn.Escape(result.Refusal ?? "refused")}.{Output(result.Output)}"),
    };

    public static string When(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>Escaped, and no line can close the code block early.</summary>
    private static string Fence(string text) => Mrkdwn.Escape(text).Replace("```", "'''", StringComparison.Ordinal);
}
