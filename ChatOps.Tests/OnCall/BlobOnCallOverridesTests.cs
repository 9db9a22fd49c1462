using Azure.Storage.Blobs;
using ChatOps.Core.OnCall;
using ChatOps.Functions.Storage;
using ChatOps.Tests.Support;

namespace ChatOps.Tests.OnCall;

/// <summary>The overrides' blob store against real Azurite: what one instance saves, another lists; a retried save
/// keeps one; an override that ended is not listed, and is deleted by the next save; saves racing from two instances
/// both stay; a listing is one read, however many overrides there are.</summary>
public sealed class BlobOnCallOverridesTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-21T09:00:00Z");

    private static OnCallOverride Entry(string id, DateTimeOffset until) => new(id, "payments", "U0DAN", Now.AddHours(-1), until, "U0BOB", "U0CAROL", Now.AddHours(-1));

    private static async Task<BlobContainerClient> FreshContainerAsync()
    {
        var connection = (await Azurite.SharedAsync()).ConnectionString;
        return new BlobContainerClient(connection, "oncall-" + Guid.NewGuid().ToString("N")[..12]);
    }

    [Fact]
    public async Task SavedOverrides_AreListedByAnotherInstance_OnceEach_AndEndedOnesAreLeftOut()
    {
        var container = await FreshContainerAsync();
        var clock = new ManualClock(Now);
        var one = new BlobOnCallOverrides(() => container, clock);
        var other = new BlobOnCallOverrides(() => container, clock);

        await one.SaveAsync(Entry("a", Now.AddHours(8)));
        await one.SaveAsync(Entry("a", Now.AddHours(8)));
        await one.SaveAsync(Entry("ended", Now.AddMinutes(-5)));

        var listed = await other.ListAsync(Now);
        Assert.Equal(Entry("a", Now.AddHours(8)), Assert.Single(listed));
    }

    [Fact]
    public async Task AnEndedOverride_IsDeletedByTheNextSave_AndAListingIsOneBlob()
    {
        var container = await FreshContainerAsync();
        var clock = new ManualClock(Now);
        var store = new BlobOnCallOverrides(() => container, clock);
        await store.SaveAsync(Entry("short", Now.AddDays(1)));
        await store.SaveAsync(Entry("long", Now.AddDays(20)));

        clock.Now = Now.AddDays(2);
        await store.SaveAsync(Entry("later", Now.AddDays(25)));

        // Asked for everything since long ago: the ended one is gone from storage, not only filtered out.
        var kept = await store.ListAsync(Now.AddDays(-60));
        Assert.Equal(["later", "long"], kept.Select(o => o.Id).Order());
        var blobs = new List<string>();
        await foreach (var item in container.GetBlobsAsync()) blobs.Add(item.Name);
        Assert.Single(blobs); // a page reads one blob, not one per override
    }

    [Fact]
    public async Task SavesRacingFromTwoInstances_BothStay()
    {
        var container = await FreshContainerAsync();
        var clock = new ManualClock(Now);
        var saves = Enumerable.Range(0, 6).Select(i => new BlobOnCallOverrides(() => container, clock).SaveAsync(Entry("o" + i, Now.AddDays(3))));
        await Task.WhenAll(saves);

        var listed = await new BlobOnCallOverrides(() => container, clock).ListAsync(Now);
        Assert.Equal(Enumerable.Range(0, 6).Select(i => "o" + i), listed.Select(o => o.Id).Order());
    }
}
