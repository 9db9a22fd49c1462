using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatOps.OpsService.Deploy;

/// <summary>
/// The history file: one JSON line per change of a deployment (started, then finished), appended and
/// flushed each time; the newest line of an id wins when it is read back. A line that does not parse
/// (a torn last write) is skipped, not fatal.
/// </summary>
public sealed class DeploymentHistory(string path, ILogger<DeploymentHistory> log)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly Lock _gate = new();

    public IReadOnlyList<DeploymentRecord> Load()
    {
        if (!File.Exists(path)) return [];
        var byId = new Dictionary<string, DeploymentRecord>(StringComparer.Ordinal);
        var order = new List<string>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Length == 0) continue;
            DeploymentRecord? record = null;
            try
            {
                record = JsonSerializer.Deserialize<DeploymentRecord>(line, Json);
            }
            catch (JsonException ex)
            {
                log.LogWarning("Skipped line {Line} of the deployment history {Path}: {Error}", number, path, ex.Message);
            }
            if (record is null) continue;
            if (!byId.ContainsKey(record.Id)) order.Add(record.Id);
            byId[record.Id] = record;
        }
        return order.Select(id => byId[id]).ToList();
    }

    public void Append(DeploymentRecord record)
    {
        var line = JsonSerializer.Serialize(record, Json) + "\n";
        lock (_gate)
        {
            using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
            file.Write(System.Text.Encoding.UTF8.GetBytes(line));
            file.Flush(flushToDisk: true);
        }
    }
}
