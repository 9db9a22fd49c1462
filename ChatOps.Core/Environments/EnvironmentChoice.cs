using ChatOps.Core.Replies;

namespace ChatOps.Core.Environments;

/// <summary>Which environment one command line runs against, and the line without its <c>env=</c>; or why none can be chosen.</summary>
public sealed record EnvironmentChoice(BotEnvironment? Environment, string Text, ChatReply? Mistake)
{
    /// <param name="recorded">The environment the envelope was stamped with when Slack's request was acknowledged: a
    /// redelivery runs where the first delivery was meant to, whatever the channel mapping says by then.</param>
    public static EnvironmentChoice For(EnvironmentCatalog catalog, string text, string? channelId, string? recorded = null)
    {
        var (named, rest, repeated) = EnvironmentArgument.Split(text);
        if (repeated) return new(null, rest, ChatReply.Plain($"Name one environment per command; {Mrkdwn.Code("env=")} was given more than once."));
        var name = recorded ?? named;
        if (name is null) return new(catalog.ForChannel(channelId), rest, null);
        if (catalog.Find(name) is { } found) return new(found, rest, null);
        return new(null, rest, ChatReply.Plain(Unknown(catalog, name)));
    }

    public static string Unknown(EnvironmentCatalog catalog, string name)
    {
        var suggestion = catalog.Suggest(name) is { } close ? $" Did you mean {Mrkdwn.Code("env=" + close)}?" : "";
        var known = string.Join(", ", catalog.All.Select(e => Mrkdwn.Code(e.Name)));
        return $"I don't know the environment {Mrkdwn.Code(Shorten(name))}.{suggestion} Known environments: {known}.";
    }

    private static string Shorten(string name) => name.Length > 40 ? name[..40] + "…" : name;
}
