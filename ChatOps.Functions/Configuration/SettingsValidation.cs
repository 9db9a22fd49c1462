using Microsoft.Extensions.Options;

namespace ChatOps.Functions.Configuration;

/// <summary>Runs one of Core's settings checks when options are first built; with ValidateOnStart that is
/// at start-up, so a missing key stops the process with its name instead of failing a command later.</summary>
internal sealed class SettingsValidation<T>(Func<T, IReadOnlyList<string>> check) : IValidateOptions<T> where T : class
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var problems = check(options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
