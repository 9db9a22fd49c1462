namespace ChatOps.Core.Ops.Model;

/// <summary>`show logs`: the trace's log events, oldest first.</summary>
public sealed record TraceLogs(string Id, IReadOnlyList<LogEvent> Events);

public sealed record LogEvent(DateTimeOffset Time, IReadOnlyList<LogField> Fields);

/// <summary>A log field with its value already rendered as text (strings, numbers, booleans, hex for bytes).</summary>
public sealed record LogField(string Key, string Value);
