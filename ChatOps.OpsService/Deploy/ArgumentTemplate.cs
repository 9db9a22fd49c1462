namespace ChatOps.OpsService.Deploy;

/// <summary>
/// Splits an argument template into words once, then fills {version} and {service} into each word. Written
/// here because no package does exactly this without a shell: the split happens before substitution, so a
/// value is always inside one argument whatever it contains.
/// </summary>
public static class ArgumentTemplate
{
    /// <summary>The words of the template, or null when a quote is left open.</summary>
    public static IReadOnlyList<string>? Split(string template)
    {
        var words = new List<string>();
        var word = new System.Text.StringBuilder();
        var inWord = false;
        char? quote = null;
        foreach (var c in template)
        {
            if (quote is { } q)
            {
                if (c == q) quote = null;
                else word.Append(c);
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord) words.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }
        if (quote is not null) return null;
        if (inWord) words.Add(word.ToString());
        return words;
    }

    public static IReadOnlyList<string> Fill(IReadOnlyList<string> words, string service, string version) =>
        words.Select(w => w.Replace("{version}", version, StringComparison.Ordinal).Replace("{service}", service, StringComparison.Ordinal)).ToList();
}
