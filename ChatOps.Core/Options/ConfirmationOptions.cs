namespace ChatOps.Core.Options;

/// <summary>
/// Button confirmation of mutating commands (section "Confirmations"). The pending request lives in
/// the buttons themselves, signed with <see cref="HmacKey"/>, so it survives restarts and scale-out
/// without a store; the key is a secret (Key Vault in Azure).
/// </summary>
public sealed class ConfirmationOptions
{
    public const string Section = "Confirmations";

    /// <summary>At least 32 characters; changing it invalidates every pending request.</summary>
    public string? HmacKey { get; set; }

    /// <summary>How long a request waits for Confirm before it expires.</summary>
    public TimeSpan Expiry { get; set; } = TimeSpan.FromMinutes(10);
}
