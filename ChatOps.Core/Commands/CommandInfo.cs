namespace ChatOps.Core.Commands;

/// <summary>What a command declares about itself; help is generated from this and nothing else.</summary>
/// <param name="Name">The words that select the command, lower case ("list traces").</param>
/// <param name="Grammar">The arguments after the name, as help shows them ("[limit=&lt;n&gt;]").</param>
/// <param name="Summary">One line for the command list.</param>
/// <param name="Details">Longer help for `help &lt;command&gt;`; may be empty.</param>
/// <param name="Examples">Full command lines a user can copy.</param>
/// <param name="Mutating">True when the command changes production state (sampling, deploys).</param>
public sealed record CommandInfo(
    string Name,
    string Grammar,
    string Summary,
    string Details,
    IReadOnlyList<string> Examples,
    bool Mutating = false)
{
    public string Usage => Grammar.Length == 0 ? Name : $"{Name} {Grammar}";

    /// <summary>What this run acts on (a config target), for access rules; see <see cref="RuleNames"/>.</summary>
    public string? Scope { get; init; }

    /// <summary>The names an access rule may use for this run: the command's, and with a scope also "name scope".</summary>
    public IReadOnlyList<string> RuleNames => Scope is null ? [Name] : [Name, $"{Name} {Scope}"];
}
