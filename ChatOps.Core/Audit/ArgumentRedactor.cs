using System.Text.RegularExpressions;

namespace ChatOps.Core.Audit;

/// <summary>
/// Removes what looks like a credential from command text before it is audited: Slack tokens,
/// `name=value` pairs whose name says secret, bearer tokens, long opaque strings, and the app's own
/// secrets verbatim (someone may paste one by mistake). Trace ids (32 hex) and PromQL stay readable.
/// </summary>
public sealed partial class ArgumentRedactor(IEnumerable<string?> knownSecrets)
{
    public const string Mark = "[redacted]";

    private readonly string[] _secrets = knownSecrets.Where(s => !string.IsNullOrWhiteSpace(s) && s.Length >= 8).Select(s => s!).ToArray();

    public string Redact(string text)
    {
        foreach (var secret in _secrets) text = text.Replace(secret, Mark, StringComparison.Ordinal);
        text = SlackToken().Replace(text, Mark);
        text = SecretPair().Replace(text, m => m.Groups["name"].Value + m.Groups["sep"].Value + Mark);
        text = Bearer().Replace(text, "${word} " + Mark);
        return Opaque().Replace(text, m => m.Value.Any(char.IsAsciiDigit) && m.Value.Any(char.IsAsciiLetter) ? Mark : m.Value);
    }

    [GeneratedRegex(@"\bx(?:ox[abposre]|app)-[A-Za-z0-9-]+")]
    private static partial Regex SlackToken();

    [GeneratedRegex(@"(?<name>\b[\w.-]*(?:token|secret|password|passwd|pwd|api[_-]?key|apikey|credential|authorization)[\w.-]*)(?<sep>\s*[=:]\s*)(?<value>""[^""]*""|'[^']*'|(?:(?:bearer|basic)\s+)?\S+)",
        RegexOptions.IgnoreCase)]
    private static partial Regex SecretPair();

    [GeneratedRegex(@"(?<word>\b(?:bearer|basic))\s+[A-Za-z0-9._~+/=-]{8,}", RegexOptions.IgnoreCase)]
    private static partial Regex Bearer();

    [GeneratedRegex(@"[A-Za-z0-9+/=-]{40,}")]
    private static partial Regex Opaque();
}
