namespace ChatOps.Core.Confirmations;

/// <summary>The action_ids of the prompt's buttons; the slack function enqueues clicks on these only.</summary>
public static class ConfirmationActions
{
    public const string Confirm = "chatops.confirm";
    public const string Cancel = "chatops.cancel";

    public static bool IsOurs(string? actionId) => actionId is Confirm or Cancel;
}
