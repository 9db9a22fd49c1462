using ChatOps.Core.Commands;
using ChatOps.Core.Failures;
using ChatOps.Core.Replies;

namespace ChatOps.Local.Cli;

/// <summary>
/// Runs command text through the same registry as Slack and prints the reply as text.
/// Exit codes: 0 answered, 2 the user made a mistake, 1 an infrastructure failure.
/// </summary>
public sealed class CommandLineRunner(CommandDispatcher dispatcher, TextWriter output, TextWriter error, GraphFiles? graphs = null)
{
    private readonly GraphFiles _graphs = graphs ?? GraphFiles.FromEnvironment();

    public const int Success = 0;
    public const int Failure = 1;
    public const int UserMistake = 2;

    public async Task<int> RunAsync(string text, CancellationToken ct = default)
    {
        var context = new CommandContext($"cli-{Guid.NewGuid():N}"[..16], Environment.UserName, "cli", null, dispatcher.Registry);
        try
        {
            var outcome = await dispatcher.RunAsync(text, context, ct);
            await output.WriteLineAsync(PlainTextRenderer.Render(outcome.Reply));
            foreach (var file in outcome.Reply.Files)
            {
                var path = await _graphs.WriteAsync(file.FileName, file.Content, DateTime.UtcNow, ct);
                await output.WriteLineAsync($"graph written to {path}");
            }
            return outcome.Kind switch
            {
                OutcomeKind.UserMistake => UserMistake,
                OutcomeKind.Failed => Failure,
                OutcomeKind.Refused => UserMistake,
                _ => Success,
            };
        }
        catch (ServiceFailureException failure)
        {
            await error.WriteLineAsync(failure.UserMessage);
            return Failure;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await error.WriteLineAsync($"error: {ex.Message} (command id {context.CommandId})");
            return Failure;
        }
    }

    /// <summary>The interactive prompt: one command a line until `exit`, `quit` or end of input.</summary>
    public async Task<int> ShellAsync(TextReader input, CancellationToken ct = default)
    {
        await output.WriteLineAsync("ChatOps shell. Type `help` for commands, `exit` to leave.");
        while (!ct.IsCancellationRequested)
        {
            await output.WriteAsync("chatops> ");
            await output.FlushAsync(ct);
            var line = await input.ReadLineAsync(ct);
            if (line is null || line.Trim() is "exit" or "quit") break;
            if (line.Trim().Length == 0) continue;
            await RunAsync(line, ct);
        }
        await output.WriteLineAsync();
        return Success;
    }
}
