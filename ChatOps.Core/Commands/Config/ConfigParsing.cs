using System.Text.RegularExpressions;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Commands.Config;

/// <summary>The words config commands share: a target name and a revision.</summary>
public static partial class ConfigParsing
{
    public static string? TargetProblem(string target) =>
        TargetName().IsMatch(target) ? null : $"{Mrkdwn.Code(target)} is not a config target name (letters, digits, '.', '_', '-'); `config targets` lists them.";

    public static bool IsRevision(string text) => text == "none" || Revision().IsMatch(text);

    public static bool IsFileId(string text) => FileId().IsMatch(text);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$")]
    private static partial Regex TargetName();

    [GeneratedRegex("^[0-9a-f]{12}$")]
    private static partial Regex Revision();

    [GeneratedRegex("^F[A-Z0-9]{4,20}$")]
    private static partial Regex FileId();
}
