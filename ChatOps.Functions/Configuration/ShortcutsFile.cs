namespace ChatOps.Functions.Configuration;

/// <summary>Graphs__ShortcutsFile: a JSON file ({"Graphs": {"Shortcuts": {...}}}) read under the app
/// settings, so a team can keep its shortcuts in one reviewed file and still override one by setting.</summary>
public static class ShortcutsFile
{
    /// <summary>Adds the file's shortcuts beneath every other source, so any app setting overrides them.</summary>
    public static void AddBeneath(IConfigurationManager configuration, string root) =>
        configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = Read(configuration, root) });

    public static IEnumerable<KeyValuePair<string, string?>> Read(IConfiguration configuration, string root)
    {
        var path = configuration["Graphs:ShortcutsFile"];
        if (string.IsNullOrWhiteSpace(path)) return [];
        var full = Path.IsPathRooted(path) ? path : Path.Combine(root, path);
        if (!File.Exists(full)) throw new InvalidOperationException($"Graphs__ShortcutsFile names {full}, which does not exist (.json)");
        return new ConfigurationBuilder().AddJsonFile(full, optional: false).Build().AsEnumerable().ToList();
    }
}
