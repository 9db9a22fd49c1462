namespace ChatOps.Core.Alerts;

/// <summary>A group's record as the sweep lists it: with its version and when storage last wrote it.</summary>
public sealed record StoredAlertRecord(string GroupId, AlertMessageRecord Record, string Version, DateTimeOffset WrittenAt);
