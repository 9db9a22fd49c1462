namespace ChatOps.Core.Commands;

/// <summary>Word-level helpers over command text (whitespace of any kind separates words).</summary>
public static class CommandText
{
    public static IReadOnlyList<string> Words(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The text after the first <paramref name="count"/> words, with its own spacing kept
    /// (arguments such as PromQL are whitespace-sensitive inside quotes).</summary>
    public static string AfterWords(string text, int count)
    {
        var i = 0;
        for (var w = 0; w < count; w++)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            while (i < text.Length && !char.IsWhiteSpace(text[i])) i++;
        }
        return text[i..].Trim();
    }
}
