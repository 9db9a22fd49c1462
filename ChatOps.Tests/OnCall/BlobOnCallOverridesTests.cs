using Azure.Storage.Blobs;
using ChatOps.Core.OnCall;
using ChatOps.Functions.Storage;
using ChatOps.Tests.Support;

namespace ChatOps.Tests.OnCall;

/// <summary>The overrides' blob store against real Azurite: what one instance saves, another lists; a retried save
/// keeps one; an override that ended is not listed.</summary>
public sealed class BlobOnCallOverridesTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-21T09:00:00Z");

    private static OnCallOverride Entry(string id, DateTimeOffset until) => new(id, "payments", "U0DAN", Now.AddHours(-1), until, "U0BOB", "U0CAROL", Now.AddHours(-1));

    [Fact]
    public async Task SavedOverrides_AreListedByAnotherInstance_OnceEach_AndEndedOnesAreLeftOut()
    {
        var name = "oncall-" + Guid.NewGuid().ToString("N")[..12];
        var connection = (await Azurite.SharedAsync()).ConnectionString;
        var one = new BlobOnCallOverrides(() => new BlobContainerClient(connection, name));
        var other = new BlobOnCallOverrides(() => new BlobContainerClient(connection, name));

        await one.SaveAsync(Entry("a", Now.AddHours(8)));
        await one.SaveAsync(Entry("a", Now.AddHours(8)));
        await one.SaveAsync(Entry("ended", Now.AddMinutes(-5)));

        var listed = await other.ListAsync(Now);
        Assert.Equal(Entry("a", Now.AddHours(8)), Assert.Single(listed));
    }
}
