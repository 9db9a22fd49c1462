namespace ChatOps.Core.Ops;

/// <summary>The Ops client of each environment, made on first use (one channel per environment).</summary>
public interface IEnvironmentOpsClients
{
    /// <summary>The client of the named environment; the name is one the catalog knows.</summary>
    IOpsClient For(string environment);
}
