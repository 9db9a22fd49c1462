using ChatOps.Core.Ops;
using ChatOps.Functions;
using ChatOps.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Tests.Functions;

/// <summary>Who may run what, decided by Slack ids before anything reaches the Ops service.</summary>
public sealed class AccessTests : IAsyncLifetime
{
    private readonly FakeOpsClient _ops = new();
    private FakeSlackApi _slack = null!;
    private TestApp? _app;

    public async Task InitializeAsync() => _slack = await FakeSlackApi.StartAsync();

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        await _slack.DisposeAsync();
    }

    private async Task<string> RunAsync(string text, params (string Key, string Value)[] rules)
    {
        _app ??= await TestApp.StartAsync(_slack, rules.ToDictionary(r => r.Key, r => r.Value),
            services => services.AddSingleton<IOpsClient>(_ops));
        var before = _slack.CallsTo("chat.postMessage").Count;
        await _app.InvokeWorkerAsync(Envelopes.Mention(text, id: Guid.NewGuid().ToString()));
        return _slack.CallsTo("chat.postMessage").Skip(before).Single().Str("text")!;
    }

    [Fact]
    public async Task AMutatingCommandNoRuleNames_IsRefused_AndNeverReachesOps()
    {
        var reply = await RunAsync("change sampling never");

        Assert.Equal(":no_entry: Nobody may run `change sampling` yet: it changes production, so it needs an Access rule naming who may.", reply);
        Assert.Empty(_ops.Calls);
    }

    [Fact]
    public async Task AReadOnlyCommandNoRuleNames_IsOpen()
    {
        await RunAsync("deployed version");

        Assert.Single(_ops.Calls);
    }

    [Fact]
    public async Task AnAllowedUser_IsAskedToConfirm_AndNothingRunsYet()
    {
        var reply = await RunAsync("change sampling float .1", ("Access:Rules:0:Commands", "change sampling"), ("Access:Rules:0:Users", "U0USER1"));

        Assert.StartsWith(":lock: <@U0USER1> wants to run `change sampling float .1`", reply);
        Assert.Empty(_ops.Calls);
    }

    [Fact]
    public async Task AnotherUser_IsRefused_WithWhoMay()
    {
        var reply = await RunAsync("change sampling always", ("Access:Rules:0:Commands", "mutating"), ("Access:Rules:0:Users", "U0ALICE,U0BOB"));

        Assert.Equal(":no_entry: You may not run `change sampling`. It is allowed to <@U0ALICE>, <@U0BOB>.", reply);
        Assert.Empty(_ops.Calls);
    }

    [Fact]
    public async Task AnAllowedUserInADisallowedChannel_IsRefused_WithWhere()
    {
        var reply = await RunAsync("change sampling always",
            ("Access:Rules:0:Commands", "change sampling"), ("Access:Rules:0:Users", "U0USER1"), ("Access:Rules:0:Channels", "C0OPS"));

        Assert.Equal(":no_entry: `change sampling` may not be run here. Run it in <#C0OPS>.", reply);
        Assert.Empty(_ops.Calls);
    }

    [Fact]
    public async Task UserGroupMembers_AreAllowed_AndTheGroupIsLookedUpOnce()
    {
        _slack.GroupMembers = ["U0OTHER", "U0USER1"];

        var first = await RunAsync("change sampling never", ("Access:Rules:0:Commands", "change sampling"), ("Access:Rules:0:Groups", "S0ONCALL"));
        var second = await RunAsync("change sampling always");

        Assert.All(new[] { first, second }, reply => Assert.StartsWith(":lock: <@U0USER1> wants to run", reply));
        var lookup = Assert.Single(_slack.CallsTo("usergroups.users.list"));
        Assert.Equal("S0ONCALL", lookup.Form("usergroup"));
    }

    [Fact]
    public async Task Help_ListsOnlyWhatTheCallerMayRun()
    {
        var closed = await RunAsync("help");

        Assert.Contains("deployed version", closed);
        Assert.DoesNotContain("change sampling", closed);
    }

    [Fact]
    public async Task Help_ListsAMutatingCommand_ToWhomItIsAllowed()
    {
        var open = await RunAsync("help", ("Access:Rules:0:Commands", "change sampling"), ("Access:Rules:0:Users", "U0USER1"));

        Assert.Contains("change sampling", open);
    }
}
