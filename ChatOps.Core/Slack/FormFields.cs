namespace ChatOps.Core.Slack;

/// <summary>The fields of a form body; the first field that could not be decoded is left out and named in <see cref="Problem"/>.</summary>
public sealed class FormFields() : Dictionary<string, string>(StringComparer.Ordinal)
{
    /// <summary>Why the body is not a usable form, or null when every field decoded.</summary>
    public string? Problem { get; internal set; }
}
