using System.Diagnostics;
using ChatOps.Core.Commands;
using ChatOps.Core.Commands.Help;
using ChatOps.Functions;
using ChatOps.Local.Cli;
using ChatOps.Tests.Support;

namespace ChatOps.Tests.Cli;

/// <summary>`ask` and `shell`: the same registry as Slack, printed as text, with meaningful exit codes.</summary>
public sealed class AskTests
{
    private static (CommandLineRunner Runner, StringWriter Out, StringWriter Err) Runner(params ICommand[] extra)
    {
        var registry = new CommandRegistry([new HelpCommand(), .. extra]);
        var (output, error) = (new StringWriter(), new StringWriter());
        return (new CommandLineRunner(new CommandDispatcher(registry), output, error), output, error);
    }

    [Fact]
    public async Task Help_PrintsTheCommandList_AndExits0()
    {
        var (runner, output, _) = Runner();

        Assert.Equal(0, await runner.RunAsync("help"));
        Assert.StartsWith("Commands\n========\n• `help [command]`", output.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task UserMistake_Exits2_InfrastructureFailure_Exits1()
    {
        var (runner, output, error) = Runner(new ExplodingCommand());

        Assert.Equal(2, await runner.RunAsync("hlep"));
        Assert.Contains("Did you mean `help`?", output.ToString());
        Assert.Equal(1, await runner.RunAsync("explode"));
        Assert.Contains("connection refused (backend down)", error.ToString());
    }

    [Fact]
    public async Task Shell_RunsLineByLine_UntilExit()
    {
        var (runner, output, _) = Runner();

        var code = await runner.ShellAsync(new StringReader("help\n\nhlep\nexit\nhelp\n"));

        Assert.Equal(0, code);
        var text = output.ToString();
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "• `help \\[command\\]`"));
        Assert.Contains("Did you mean `help`?", text);
    }

    [Fact]
    public async Task TheExecutable_AskHelp_PrintsTheCommandList()
    {
        var dll = typeof(CommandLineRunner).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [dll, "ask", "help"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.Environment.Remove("Ops__Endpoint");
        using var process = Process.Start(start)!;
        var stdout = await process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, stderr);
        Assert.Contains("• `help [command]` — List what I can do, or explain one command.", stdout);
    }

    [Fact]
    public async Task TheExecutable_WithoutSettings_NamesEveryMissingKey_AndNoValue()
    {
        var dll = typeof(CommandLineRunner).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [dll, "serve"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var key in new[] { "Slack__SigningSecret", "Slack__BotToken", "Ops__Endpoint" })
            start.Environment.Remove(key);
        start.Environment["Slack__ApiBaseUrl"] = "not a url";
        start.Environment["urls"] = "http://127.0.0.1:0";
        using var process = Process.Start(start)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(1, process.ExitCode);
        Assert.Contains("Slack__SigningSecret is missing", stderr);
        Assert.Contains("Slack__BotToken is missing", stderr);
        Assert.Contains("Ops__Endpoint is missing", stderr);
        Assert.Contains("Slack__ApiBaseUrl must be an absolute http(s) URL", stderr);
    }
}
