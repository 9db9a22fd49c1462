using System.Globalization;

namespace ChatOps.OpsService.Profiles;

internal static class Sizes
{
    public static string Of(long bytes) => bytes >= 1024 * 1024
        ? (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MB"
        : bytes >= 1024 ? (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KB" : bytes + " bytes";
}
