using ChatOps.Core.Graphs;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Rendering;

public static class RenderingServices
{
    /// <summary>The graph renderer: charts in process, pages in Chromium on first use. Needs <see cref="GraphOptions"/> registered.</summary>
    public static IServiceCollection AddGraphRendering(this IServiceCollection services) =>
        services.AddSingleton<IGraphRenderer, GraphRenderer>();
}
