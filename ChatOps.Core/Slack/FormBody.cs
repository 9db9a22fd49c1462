using System.Globalization;
using System.Text;

namespace ChatOps.Core.Slack;

/// <summary>
/// Parses application/x-www-form-urlencoded bodies ('+' is a space, then percent-decoding as UTF-8).
/// Written by hand because the framework's decoders keep a malformed escape or invalid UTF-8 as literal
/// text; here such a field makes the whole form unusable, which <see cref="FormFields.Problem"/> says.
/// </summary>
public static class FormBody
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static FormFields Parse(string body)
    {
        var result = new FormFields();
        foreach (var pair in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            var key = Decode(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? "" : Decode(pair[(eq + 1)..]);
            if (key is null || value is null)
            {
                result.Problem ??= "a form field is not percent-encoded UTF-8";
                continue;
            }
            result.TryAdd(key, value);
        }
        return result;
    }

    private static string? Decode(string text)
    {
        var s = text.Replace('+', ' ');
        if (!s.Contains('%')) return HasLoneSurrogate(s) ? null : s;
        var bytes = new List<byte>(s.Length);
        var run = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] != '%') continue;
            bytes.AddRange(Encoding.UTF8.GetBytes(s[run..i]));
            if (i + 2 >= s.Length || !byte.TryParse(s.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
                return null;
            bytes.Add(b);
            i += 2;
            run = i + 1;
        }
        if (HasLoneSurrogate(s)) return null;
        bytes.AddRange(Encoding.UTF8.GetBytes(s[run..]));
        try
        {
            return Strict.GetString(bytes.ToArray());
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static bool HasLoneSurrogate(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) i++;
            else if (char.IsSurrogate(s[i])) return true;
        }
        return false;
    }
}
