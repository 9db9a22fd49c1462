namespace ChatOps.Core.Commands;

/// <summary>A result that started something the bot follows to its end in the same message (a deployment).</summary>
public interface IFollowedResult
{
    string DeploymentId { get; }
}
