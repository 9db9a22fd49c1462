namespace ChatOps.Core.Commands;

/// <summary>A result that started a profile the bot collects later and posts in the same thread.</summary>
public interface ICollectedResult
{
    ChatOps.Core.Ops.Model.ProfileInfo Profile { get; }
}
