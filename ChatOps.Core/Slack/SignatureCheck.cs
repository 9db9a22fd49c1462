namespace ChatOps.Core.Slack;

public enum SignatureCheck
{
    Valid,
    NoSecretConfigured,
    MissingHeaders,
    StaleTimestamp,
    Mismatch,
}
