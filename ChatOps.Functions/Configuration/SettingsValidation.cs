using ChatOps.Core.Options;
using Microsoft.Extensions.Options;

namespace ChatOps.Functions.Configuration;

/// <summary>Runs Core's settings checks when options are first built; with ValidateOnStart that is
/// at start-up, so a missing key stops the process with its name instead of failing a command later.</summary>
internal sealed class SlackSettingsValidation(bool needsSlack) : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        var problems = SettingsCheck.Slack(options, needsSigningSecret: needsSlack, needsBotToken: needsSlack);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

internal sealed class WorkerSettingsValidation : IValidateOptions<WorkerOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkerOptions options)
    {
        var problems = SettingsCheck.Worker(options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

internal sealed class GraphSettingsValidation : IValidateOptions<ChatOps.Core.Graphs.GraphOptions>
{
    public ValidateOptionsResult Validate(string? name, ChatOps.Core.Graphs.GraphOptions options)
    {
        var problems = SettingsCheck.Graphs(options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

internal sealed class OpsSettingsValidation : IValidateOptions<OpsOptions>
{
    public ValidateOptionsResult Validate(string? name, OpsOptions options)
    {
        var problems = SettingsCheck.Ops(options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
