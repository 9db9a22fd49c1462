using System.Text;
using Azure.Storage.Blobs;
using ChatOps.Core.Alerts;
using ChatOps.Core.Ops;
using ChatOps.Functions.Storage;
using ChatOps.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatOps.Tests.Alerts;

/// <summary>An alert group's record lives as long as its incident: kept while the group fires (however long), removed
/// a grace period after it resolved, and the same in local mode as in Azure. Real Azurite.</summary>
public sealed class AlertRecordLifetimeTests
{
    [Fact]
    public async Task AlertmanagersIdenticalRepeat_RefreshesTheRecord_ButPostsNothing()
    {
        await using var slack = await FakeSlackApi.StartAsync();
        await using var app = await TestApp.StartAsync(slack, AlertPayloads.Settings(), s => s.AddSingleton<IOpsClient>(new FakeOpsClient()));
        var payload = AlertPayloads.Group(startsAt: DateTimeOffset.UtcNow.AddMinutes(-20), expr: null);
        var call = await app.InvokeAlertmanagerAsync(payload.ToJsonString(), "Bearer " + AlertPayloads.Token);
        Assert.Equal(200, await app.InvokeWorkerAsync(call.Message!.ToJsonString(), messageId: "m-1"));
        var groupId = AlertPayload.Read(Encoding.UTF8.GetBytes(payload.ToJsonString())).Notification!.GroupId();
        var records = app.Services.GetRequiredService<IAlertMessages>();
        var before = (await records.FindAsync(groupId))!.Value;
        var slackCalls = slack.Calls.Count;
        await Task.Delay(50);

        // repeat_interval: the same notification again, hours later, as a new queue message.
        var repeat = await app.InvokeAlertmanagerAsync(payload.ToJsonString(), "Bearer " + AlertPayloads.Token);
        Assert.Equal(200, await app.InvokeWorkerAsync(repeat.Message!.ToJsonString(), messageId: "m-2"));

        var after = (await records.FindAsync(groupId))!.Value;
        Assert.NotEqual(before.Version, after.Version);
        Assert.True(after.Record.UpdatedAt > before.Record.UpdatedAt, "the repeat did not refresh the record");
        Assert.Equal(before.Record.Ts, after.Record.Ts);
        Assert.Equal(slackCalls, slack.Calls.Count);
    }

    [Fact]
    public async Task TheSweep_KeepsAFiringGroupsRecord_AndRemovesItAGracePeriodAfterItResolved()
    {
        var container = new BlobContainerClient((await Azurite.SharedAsync()).ConnectionString, "sweep-" + Guid.NewGuid().ToString("N")[..8]);
        var records = new BlobAlertMessages(container);
        var now = DateTimeOffset.UtcNow;
        // The sweep runs three days later: every blob written now is three days old to it.
        var clock = new ManualClock(now.AddDays(3));
        AlertMessageRecord Record(string status, DateTimeOffset updated) => new("C0ALERTS1", "1700000000.000002", status, updated.AddHours(-1), updated);
        await records.TryCreateAsync(Id('a'), Record("firing", now));
        await records.TryCreateAsync(Id('b'), Record("resolved", now.AddDays(-1)));
        await records.TryCreateAsync(Id('c'), Record("resolved", clock.Now.AddDays(-1)));
        await records.TryCreateAsync(Id('d'), Record("firing", clock.Now.AddDays(-40)));
        await records.SaveNotificationAsync("alertbody-left-by-a-poisoned-notification", new AlertNotification
            { GroupKey = "{}:{alertname=\"X\"}", Status = "firing", Receiver = "chatops", Alerts = [] });
        var firingBefore = (await records.FindAsync(Id('a')))!.Value.Version;

        var swept = await new AlertRecordSweep(records, clock, NullLogger<AlertRecordSweep>.Instance).RunAsync();

        // Firing three days without a change (Alertmanager repeats nothing new): kept, and written again so the storage
        // account's 7-day rule never takes it.
        var firing = (await records.FindAsync(Id('a')))!.Value;
        Assert.NotEqual(firingBefore, firing.Version);
        Assert.Equal("firing", firing.Record.Status);
        Assert.Null(await records.FindAsync(Id('b')));
        Assert.NotNull(await records.FindAsync(Id('c')));
        // Firing, but not a word from Alertmanager for 40 days (it repeats every few hours while it fires): abandoned.
        Assert.Null(await records.FindAsync(Id('d')));
        Assert.Null(await records.LoadNotificationAsync("alertbody-left-by-a-poisoned-notification"));
        Assert.Equal((Removed: 2, Refreshed: 1, Bodies: 1), (swept.Removed, swept.Refreshed, swept.Bodies));
    }

    [Fact]
    public async Task TheSweep_IsAHostedServiceOfTheApp_SoLocalModeRunsItToo()
    {
        await using var slack = await FakeSlackApi.StartAsync();
        await using var app = await TestApp.StartAsync(slack, AlertPayloads.Settings());

        Assert.Contains(app.Services.GetServices<IHostedService>(), s => s is AlertRecordSweeper);
    }

    private static string Id(char c) => new(c, 40);
}
