using System.Text.Json;
using ChatOps.Core.Envelopes;
using ChatOps.Core.Worker;
using ChatOps.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Tests.Functions;

/// <summary>Every envelope kind has one handler in the app's table, and an envelope queued before envelopes
/// carried their kind is read as the kind its fields say, a kept reply first.</summary>
public sealed class QueuedWorkTableTests
{
    [Fact]
    public async Task TheAppsTable_HasOneHandlerForEveryKind()
    {
        await using var slack = await FakeSlackApi.StartAsync();
        await using var app = await TestApp.StartAsync(slack);
        var table = app.Services.GetRequiredService<QueuedWorkTable>();

        Assert.Equal(Enum.GetValues<EnvelopeKind>().Order(), table.Handlers.Select(h => h.Kind).Order());
    }

    [Fact]
    public void ATableMissingAKind_OrWithTwoHandlersForOne_IsRefusedNamingIt()
    {
        var missing = Assert.Throws<InvalidOperationException>(() => new QueuedWorkTable([new Named(EnvelopeKind.Command)]));
        Assert.Contains("DeferredReply", missing.Message);
        var kinds = Enum.GetValues<EnvelopeKind>().Select(k => (IQueuedWork)new Named(k));
        var twice = Assert.Throws<InvalidOperationException>(() => new QueuedWorkTable([.. kinds, new Named(EnvelopeKind.Click)]));
        Assert.Contains("Two handlers for queued work of kind Click", twice.Message);
    }

    public static TheoryData<string, EnvelopeKind> OldEnvelopes => new()
    {
        // A follow-up's reply Slack rate-limited: it carries the follow-up too, and must be posted, not followed.
        { """ "click": {"actionId": "chatops.confirm", "value": "v.mac", "messageTs": "1.2"}, "follow": {"deploymentId": "dep-1", "round": 3}, "deferred": {"id": "reply-1", "round": 1} """, EnvelopeKind.DeferredReply },
        { """ "click": {"actionId": "chatops.confirm", "value": "v.mac", "messageTs": "1.2"}, "follow": {"deploymentId": "dep-1", "round": 3} """, EnvelopeKind.DeploymentFollow },
        { """ "click": {"actionId": "chatops.confirm", "value": "v.mac", "messageTs": "1.2"} """, EnvelopeKind.Click },
        { """ "click": {"actionId": "chatops.alert.silence", "value": "g", "messageTs": "1.2"} """, EnvelopeKind.AlertClick },
        { """ "deferred": {"id": "reply-2", "round": 2} """, EnvelopeKind.DeferredReply },
        { """ "retryNum": 0 """, EnvelopeKind.Command },
    };

    [Theory]
    [MemberData(nameof(OldEnvelopes))]
    public void AnEnvelopeWithoutAKind_IsReadAsItsFieldsSay(string fields, EnvelopeKind expected)
    {
        var json = $$"""{"v": 1, "id": "Ev1", "source": "Button", "channelId": "C1", "userId": "U1", "text": "", "receivedAt": "2026-12-01T10:00:00Z", {{fields}} }""";
        var envelope = EnvelopeJson.TryDeserialize(JsonDocument.Parse(json).RootElement)!;

        Assert.Null(envelope.Kind);
        Assert.Equal(expected, EnvelopeKinds.Of(envelope));
    }

    [Fact]
    public void AnExplicitKind_IsWrittenAndReadBack_AndWinsOverTheFields()
    {
        var envelope = Envelopes.Mention("deploy demo 1.5.0") with { Kind = EnvelopeKind.DeploymentFollow, Follow = new DeploymentFollow("dep-1", 1) };
        var json = EnvelopeJson.Serialize(envelope);

        Assert.Contains("\"kind\":\"DeploymentFollow\"", json);
        Assert.Equal(EnvelopeKind.DeploymentFollow, EnvelopeKinds.Of(EnvelopeJson.TryDeserialize(JsonDocument.Parse(json).RootElement)!));
    }

    private sealed class Named(EnvelopeKind kind) : IQueuedWork
    {
        public EnvelopeKind Kind => kind;
        public bool Audited => false;
        public bool IsComplete(CommandEnvelope envelope) => true;
        public string ClaimKey(CommandEnvelope envelope) => "k";
        public Task<WorkerResult> RunAsync(QueuedItem item, CancellationToken ct) => throw new NotSupportedException();
        public Task<WorkerResult> RepeatAsync(QueuedItem item, DeliveryRecord? earlier, CancellationToken ct) => throw new NotSupportedException();
    }
}
