using System.Text;
using ChatOps.OpsService.Config;

namespace ChatOps.Tests.OpsService.Config;

/// <summary>Every shared file that passes its checks is kept as a planned candidate, so Confirm pushes exactly what was
/// shown. Those never confirmed are pruned by count and by age; revisions a change used stay for rollbacks.</summary>
public sealed class PlannedCandidatePruningTests
{
    private readonly ConfigFixture _f = new(t => t.Validate = null, o => (o.PlannedKept, o.PlannedFor) = (3, TimeSpan.FromHours(1)));

    private string RevisionFile(string revision) => Path.Combine(_f.Folder, "history", "rules", revision + ".rev");

    private IReadOnlyList<string> Kept() =>
        Directory.GetFiles(Path.Combine(_f.Folder, "history", "rules"), "*.rev").Select(Path.GetFileNameWithoutExtension).Order().ToList()!;

    [Fact]
    public async Task OnlyTheNewestPlannedCandidatesAreKept_AndEveryRevisionAChangeUsedStays()
    {
        var original = _f.CurrentRevision;
        var first = await _f.Pushes.PlanAsync(_f.Target, ConfigFixture.RulesWith("Applied"), default);
        var applied = await _f.Pushes.PushAsync(_f.Target, null, first.CandidateRevision, first.CurrentRevision, ConfigFixture.Alice, default);
        Assert.Equal("applied", applied.Outcome);

        var planned = new List<string>();
        foreach (var alert in new[] { "B", "C", "D", "E", "F" })
        {
            planned.Add((await _f.Pushes.PlanAsync(_f.Target, ConfigFixture.RulesWith(alert), default)).CandidateRevision);
            await Task.Delay(20); // distinct modification times, so "newest" is well defined
        }

        Assert.Equal(new[] { original, first.CandidateRevision, planned[2], planned[3], planned[4] }.Order(), Kept());
        // A Confirm of a pruned candidate is told what to do; the newest one still pushes.
        var pruned = await _f.Pushes.PushAsync(_f.Target, null, planned[0], applied.Revision, ConfigFixture.Alice, default);
        Assert.Equal($"there is no planned revision {planned[0]} of rules; drop the file again", pruned.Refusal);
        var kept = await _f.Pushes.PushAsync(_f.Target, null, planned[4], applied.Revision, ConfigFixture.Alice, default);
        Assert.Equal("applied", kept.Outcome);
        // The original, replaced long ago, can still be rolled back to.
        var back = await _f.Pushes.RollbackAsync(_f.Target, original, null, ConfigFixture.Alice, default);
        Assert.Equal(("applied", original), (back.Outcome, back.Revision));
    }

    [Fact]
    public async Task APlannedCandidateOlderThanTheLimit_IsPruned_UnlessItIsPlannedAgain()
    {
        var old = (await _f.Pushes.PlanAsync(_f.Target, ConfigFixture.RulesWith("Old"), default)).CandidateRevision;
        var again = (await _f.Pushes.PlanAsync(_f.Target, ConfigFixture.RulesWith("Again"), default)).CandidateRevision;
        File.SetLastWriteTimeUtc(RevisionFile(old), DateTime.UtcNow.AddHours(-2));
        File.SetLastWriteTimeUtc(RevisionFile(again), DateTime.UtcNow.AddHours(-2));

        // Sharing "Again" a second time makes it young again; "Old" is pruned by the next plan.
        await _f.Pushes.PlanAsync(_f.Target, ConfigFixture.RulesWith("Again"), default);

        Assert.False(File.Exists(RevisionFile(old)));
        Assert.True(File.Exists(RevisionFile(again)));
        var result = await _f.Pushes.PushAsync(_f.Target, null, again, _f.CurrentRevision, ConfigFixture.Alice, default);
        Assert.Equal("applied", result.Outcome);
        Assert.Contains("- alert: Again", _f.Current);
    }
}
