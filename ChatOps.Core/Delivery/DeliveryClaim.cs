namespace ChatOps.Core.Delivery;

/// <summary>A held claim on a dedupe key; <paramref name="Version"/> is the store's own token for it (a blob's
/// ETag), so finishing or releasing never overwrites a claim that another delivery has since taken over.</summary>
public sealed record DeliveryClaim(string Key, string Version);
