namespace ChatOps.Core.Access;

/// <summary>
/// Who may run what (section "Access"), by Slack ids only: names change, ids do not.
/// Access__Rules__0__Commands=change sampling, Access__Rules__0__Users=U123,U456,
/// Access__Rules__0__Groups=S0ONCALL, Access__Rules__0__Channels=C0INCIDENTS.
/// A command no rule names is open when it only reads and closed when it changes production.
/// Access__Rules__0__RequireApproval=true puts the commands that rule names under the two-person rule.
/// </summary>
public sealed class AccessOptions
{
    public const string Section = "Access";

    public List<AccessRule> Rules { get; set; } = [];

    /// <summary>How long a user group's members are cached after usergroups.users.list.</summary>
    public TimeSpan GroupCacheTime { get; set; } = TimeSpan.FromMinutes(5);
}

public sealed class AccessRule
{
    /// <summary>Comma list of command names, or `*` (all), `mutating`, `read-only`.</summary>
    public string Commands { get; set; } = "";

    /// <summary>Comma lists of ids; an empty list means "anyone" (users/groups) or "anywhere" (channels).</summary>
    public string Users { get; set; } = "";
    public string Groups { get; set; } = "";
    public string Channels { get; set; } = "";

    /// <summary>Two-person rule: a mutating command this rule names must be confirmed by someone other than
    /// the person who asked, whichever rule let them ask (the strictest rule wins).</summary>
    public bool RequireApproval { get; set; }

    /// <summary>Comma list of environment names the rule is for; empty means every environment. So production writes
    /// can need two people while staging needs one.</summary>
    public string Environments { get; set; } = "";

    /// <summary>True when the rule speaks for this environment (null: the default one, as the caller names it).</summary>
    public bool AppliesTo(string? environment) => Split(Environments) is var names &&
        (names.Count == 0 || (environment is not null && names.Contains(environment, StringComparer.OrdinalIgnoreCase)));

    internal static IReadOnlyList<string> Split(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public bool Names(Commands.CommandInfo command) => Split(Commands).Any(c =>
        c == "*" || command.RuleNames.Any(n => string.Equals(c, n, StringComparison.OrdinalIgnoreCase)) ||
        (c == "mutating" && command.Mutating) || (c == "read-only" && !command.Mutating));
}
