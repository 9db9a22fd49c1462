namespace ChatOps.Core.Replies;

/// <summary>A static select menu in an actions block: a choice among a few options, one click.</summary>
public sealed record SelectMenu(string Placeholder, string ActionId, IReadOnlyList<MenuOption> Options);

/// <summary>One option: <see cref="Value"/> (at most 150 characters) comes back as the click's selected_option.</summary>
public sealed record MenuOption(string Text, string Value);
