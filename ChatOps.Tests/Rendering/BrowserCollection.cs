namespace ChatOps.Tests.Rendering;

/// <summary>Tests that start Chromium run one class at a time: two cores, and one test kills browsers.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection
{
    public const string Name = "browser";
}
