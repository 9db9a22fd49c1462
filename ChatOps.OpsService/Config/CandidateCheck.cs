using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ChatOps.OpsService.Config;

/// <summary>The checks every candidate passes before its validator runs: size, text, UTF-8, and a parse in the
/// target's format. A problem is a sentence for the person who dropped the file.</summary>
public static partial class CandidateCheck
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string? Problem(byte[] content, ConfigTarget target)
    {
        if (content.Length == 0) return "the file is empty";
        if (content.Length > target.MaxBytes)
            return $"the file is {content.Length:N0} bytes; {target.Name} takes at most {target.MaxBytes:N0}";
        var nul = Array.IndexOf(content, (byte)0);
        if (nul >= 0) return $"the file is binary (a NUL byte at offset {nul:N0}), not a configuration text";
        string text;
        try
        {
            text = StrictUtf8.GetString(content);
        }
        catch (DecoderFallbackException ex)
        {
            return $"the file is not UTF-8 (an invalid byte at offset {ex.Index:N0}); save it as UTF-8";
        }
        return target.Format switch
        {
            ConfigFormat.Yaml => YamlProblem(text),
            ConfigFormat.Json => JsonProblem(content),
            _ => null,
        };
    }

    private static string? YamlProblem(string text)
    {
        try
        {
            new YamlStream().Load(new StringReader(text));
            return null;
        }
        catch (YamlException ex)
        {
            // YamlDotNet puts the positions in front of the message; they are said once, in words.
            var message = YamlPositions().Replace(ex.InnerException?.Message ?? ex.Message, "");
            return $"YAML parse error at line {ex.Start.Line}, column {ex.Start.Column}: {message}";
        }
    }

    private static string? JsonProblem(byte[] content)
    {
        try
        {
            // Parse (not a reader) so content after the first value is an error too.
            JsonDocument.Parse(content).Dispose();
            return null;
        }
        catch (JsonException ex)
        {
            var message = ex.Message;
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut > 0) message = message[..cut];
            return $"JSON parse error at line {(ex.LineNumber ?? 0) + 1}, column {(ex.BytePositionInLine ?? 0) + 1}: {message.TrimEnd('.', ' ')}";
        }
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex YamlPositions();
}
