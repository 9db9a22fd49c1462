namespace ChatOps.Core.Replies;

/// <summary>The Block Kit blocks this bot uses. Each is turned into JSON by <see cref="BlockKitJson"/>.</summary>
public abstract record Block;

public sealed record HeaderBlock(string Text) : Block;

/// <summary>A section of mrkdwn text.</summary>
public sealed record SectionBlock(string Mrkdwn) : Block;

/// <summary>Small grey mrkdwn lines under the content (sources, "showing N of M").</summary>
public sealed record ContextBlock(IReadOnlyList<string> Elements) : Block;

public sealed record DividerBlock : Block;
