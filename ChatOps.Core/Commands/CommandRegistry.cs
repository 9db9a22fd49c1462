namespace ChatOps.Core.Commands;

/// <summary>
/// The one list of commands. Matching takes the longest command name the text starts with, word by
/// word and case-insensitively, so "list graph shortcuts" and "list traces" never shadow each other
/// whatever the registration order.
/// </summary>
public sealed class CommandRegistry
{
    private readonly IReadOnlyList<ICommand> _commands;

    public CommandRegistry(IEnumerable<ICommand> commands)
    {
        _commands = commands.ToList();
        var duplicate = _commands.GroupBy(c => c.Info.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"command '{duplicate.Key}' is registered twice", nameof(commands));
    }

    public IReadOnlyList<ICommand> All => _commands;

    /// <summary>The command the text names, and the rest of the text as its arguments.</summary>
    public (ICommand Command, string Arguments)? Match(string text)
    {
        var words = CommandText.Words(text);
        var best = _commands
            .Select(c => (Command: c, NameWords: CommandText.Words(c.Info.Name)))
            .Where(c => c.NameWords.Count <= words.Count &&
                        c.NameWords.Select((w, i) => string.Equals(w, words[i], StringComparison.OrdinalIgnoreCase)).All(x => x))
            .OrderByDescending(c => c.NameWords.Count)
            .FirstOrDefault();
        if (best.Command is null) return null;
        return (best.Command, CommandText.AfterWords(text, best.NameWords.Count));
    }

    /// <summary>The command whose name is closest to the start of the text, if any is close enough
    /// to be a plausible typo.</summary>
    public CommandInfo? Suggest(string text)
    {
        var words = CommandText.Words(text);
        if (words.Count == 0) return null;
        return _commands
            .Select(c => c.Info)
            .Select(info =>
            {
                var n = CommandText.Words(info.Name).Count;
                var typed = string.Join(' ', words.Take(n)).ToLowerInvariant();
                return (Info: info, Distance: EditDistance.Between(typed, info.Name), Allowed: Math.Max(2, info.Name.Length / 3));
            })
            .Where(x => x.Distance <= x.Allowed)
            .OrderBy(x => x.Distance)
            .ThenByDescending(x => x.Info.Name.Length)
            .Select(x => x.Info)
            .FirstOrDefault();
    }
}
