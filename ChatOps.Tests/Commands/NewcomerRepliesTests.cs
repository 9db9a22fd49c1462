using ChatOps.Core.Commands.Graphs;
using ChatOps.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Tests.Commands;

/// <summary>The replies a newcomer meets first when they mistype: each says what was wrong and what is accepted, and a
/// mistake in an id or a duration is answered before any call (the Ops endpoint here answers nothing, so a call would
/// surface as an Ops failure instead of this reply).</summary>
public sealed class NewcomerRepliesTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services = CommandServices.Build(new Dictionary<string, string?>
    {
        ["Ops:Endpoint"] = "http://127.0.0.1:1",
        ["Ops:Timeout"] = "00:00:02",
        ["Graphs:Shortcuts:scrapes:Query"] = "up",
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Theory]
    [InlineData("show trace abc", "`abc` is not a trace id: a trace id is 16 or 32 hex digits (0-9, a-f), like `17b4f65b0d9f038e2a7bc5ea84309af2`.")]
    [InlineData("show logs 12345", "`12345` is not a trace id: a trace id is 16 or 32 hex digits")]
    [InlineData("show trace 4bf92f3577b34da6a3ce929d0e0e4736ff", "is not a trace id")]
    [InlineData("silence alertname=X for 3 days", "`3 days` is not a duration: write a number and a unit with no space between, like `30m`, `2h`, `1h30m` or `3d`")]
    [InlineData("silence alertname=X for 30s", "A silence lasts at least a minute")]
    [InlineData("list traces service=api min=fast", "min must be a duration, a number and a unit: `250ms`, `2s`, `1m30s`, `2h`")]
    [InlineData("profile checkout cpu for 3 minutes", "`3 minutes` is not a duration: a number and a unit")]
    public async Task AMistakenIdOrDuration_IsAnsweredAtOnce_WithWhatIsAccepted(string text, string expected)
    {
        var outcome = await _services.RunAsync(text);

        Assert.True(outcome.IsUserMistake, outcome.Reply.Text);
        Assert.Contains(expected, outcome.Reply.Text);
        Assert.DoesNotContain("The duration must be at least a minute", outcome.Reply.Text);
    }

    [Fact]
    public async Task AMistypedCommand_IsSuggestedWithItsArguments_SoTheSuggestionRunsAsItStands()
    {
        var outcome = await _services.RunAsync("grpah scrapes");

        Assert.Contains("Did you mean `graph scrapes`?", outcome.Reply.Text);
    }

    [Fact]
    public async Task TheAlertsUsage_NamesEveryStateItAccepts()
    {
        var outcome = await _services.RunAsync("help alerts");

        Assert.Contains("state=firing|pending|inactive", outcome.Reply.Text);
    }

    [Fact]
    public void FromWithRange_IsAWindowOfThatLengthStartingThen_NotRangeDropped()
    {
        var args = GraphArgs.Parse("scrapes from=-3h range=1h", Now).Value!;

        Assert.Equal((Now.AddHours(-3), Now.AddHours(-2)), (args.From, args.To));
    }

    [Fact]
    public void FromWithARangeReachingPastNow_EndsNow()
    {
        var args = GraphArgs.Parse("scrapes from=-30m range=1h", Now).Value!;

        Assert.Equal(Now.AddMinutes(-30), args.From);
        Assert.Null(args.To);
    }

    [Fact]
    public void FromToAndRangeTogether_AreRefused_SayingWhichTwoToGive()
    {
        var error = GraphArgs.Parse("scrapes from=-3h to=-1h range=1h", Now).Error;

        Assert.StartsWith("Give two of `from=`, `to=` and `range=`, not all three", error);
    }
}
