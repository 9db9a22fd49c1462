using ChatOps.Core.Replies;

namespace ChatOps.Core.Commands.Config;

/// <summary>Parsing of the commands that take exactly one target.</summary>
public static class ConfigTargetParsing
{
    public static ParseResult<ConfigTargetArgs> One(string arguments, string command) => CommandText.Words(arguments) switch
    {
        [var target] => ConfigParsing.TargetProblem(target) is { } problem ? ParseResult<ConfigTargetArgs>.Fail(problem) : new ConfigTargetArgs(target),
        [] => ParseResult<ConfigTargetArgs>.Fail($"Which target? Like `{command} prometheus-rules`; `config targets` lists them."),
        _ => ParseResult<ConfigTargetArgs>.Fail($"`{command}` takes one target; got {Mrkdwn.Code(arguments.Trim())}."),
    };
}
