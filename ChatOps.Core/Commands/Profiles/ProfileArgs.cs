using ChatOps.Core.Commands.Arguments;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Commands.Profiles;

/// <summary>`profile &lt;service&gt; [cpu [for &lt;duration&gt;]|heap|allocs|goroutine|mutex|block]`; CPU for 30 s by default.</summary>
public sealed record ProfileArgs(string Service, string Kind, int Seconds)
{
    public const int DefaultSeconds = 30;
    public static readonly IReadOnlyList<string> Kinds = ["cpu", "heap", "allocs", "goroutine", "mutex", "block"];

    public static ParseResult<ProfileArgs> Parse(string arguments)
    {
        var words = CommandText.Words(arguments);
        if (words.Count == 0) return ParseResult<ProfileArgs>.Fail("Profile which service? Name it, like `profile checkout` or `profile checkout heap`.");
        var service = words[0];
        if (!ServiceName(service))
            return ParseResult<ProfileArgs>.Fail($"{Mrkdwn.Code(service)} is not a service name (letters, digits, '.', '_' or '-').");
        var kind = words.Count > 1 ? words[1].ToLowerInvariant() : "cpu";
        if (!Kinds.Contains(kind))
            return ParseResult<ProfileArgs>.Fail($"{Mrkdwn.Code(words[1])} is not a profile kind: use one of {string.Join(", ", Kinds.Select(k => $"`{k}`"))}.");
        if (kind != "cpu")
            return words.Count == 2 ? new ProfileArgs(service, kind, 0)
                : ParseResult<ProfileArgs>.Fail($"A {kind} profile is a snapshot: it takes no duration (only `cpu for <duration>` does).");
        return words.Count switch
        {
            <= 2 => new ProfileArgs(service, kind, DefaultSeconds),
            // "for 3 minutes" is a duration written in words: answered as a duration, with the forms it takes.
            >= 4 when words[2].Equals("for", StringComparison.OrdinalIgnoreCase) => CpuFor(service, string.Join(' ', words.Skip(3))),
            _ => ParseResult<ProfileArgs>.Fail("After `cpu` comes only `for <duration>`, like `profile checkout cpu for 30s`."),
        };
    }

    private static ParseResult<ProfileArgs> CpuFor(string service, string text)
    {
        if (!DurationParser.TryParse(text, out var duration))
            return ParseResult<ProfileArgs>.Fail($"{Mrkdwn.Code(text)} is not a duration: {DurationParser.Accepted}.");
        if (duration < TimeSpan.FromSeconds(1) || duration.Ticks % TimeSpan.TicksPerSecond != 0)
            return ParseResult<ProfileArgs>.Fail($"A CPU profile lasts a whole number of seconds, at least 1 (got {Mrkdwn.Code(text)}).");
        if (duration > TimeSpan.FromMinutes(10))
            return ParseResult<ProfileArgs>.Fail($"{Mrkdwn.Code(text)} is far too long for a CPU profile; each service allows at most a few minutes.");
        return new ProfileArgs(service, "cpu", (int)duration.TotalSeconds);
    }

    private static bool ServiceName(string name) =>
        name.Length is > 0 and <= 63 && char.IsAsciiLetterOrDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
}
