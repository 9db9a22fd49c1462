# The function app image for hosting that needs a browser (URL shortcuts screenshot pages with Chromium):
# Microsoft's .NET isolated Functions host image + our worker (framework-dependent publish) + Debian's
# Chromium. Without URL shortcuts, Flex Consumption runs the same publish output as a zip and needs no
# image (docs/hosting.md). Built from the repo root: docker build -t chatops-functions:<tag> .
# Rebuild regularly: Microsoft patches the host image behind its `4-` tag (and pin by digest for releases).

# --- build: the same publish as scripts/publish ----------------------------------------------------
FROM mcr.microsoft.com/dotnet/sdk:10.0.401 AS build
WORKDIR /src
# Project files first, so the restore layer is reused while only code changes.
COPY Directory.Build.props Directory.Build.targets Directory.Packages.props ./
COPY protos/ protos/
COPY ChatOps.Core/ChatOps.Core.csproj ChatOps.Core/
COPY ChatOps.Rendering/ChatOps.Rendering.csproj ChatOps.Rendering/
COPY ChatOps.Functions/ChatOps.Functions.csproj ChatOps.Functions/
# For linux-x64, as scripts/publish publishes, so that its restore finds everything in this layer.
RUN dotnet restore ChatOps.Functions/ChatOps.Functions.csproj -r linux-x64
COPY ChatOps.Core/ ChatOps.Core/
COPY ChatOps.Rendering/ ChatOps.Rendering/
COPY ChatOps.Functions/ ChatOps.Functions/
COPY scripts/publish scripts/publish
RUN scripts/publish

# --- runtime: the Functions host with the dotnet-isolated worker runtime for .NET 10 ----------------
FROM mcr.microsoft.com/azure-functions/dotnet-isolated:4-dotnet-isolated10.0 AS runtime
# Only URL shortcuts need a browser (PromQL graphs are drawn in process); DejaVu gives pages a font.
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium fonts-dejavu-core ca-certificates \
 && rm -rf /var/lib/apt/lists/*
# The base image sets these too; stated here because the app depends on them.
ENV AzureWebJobsScriptRoot=/home/site/wwwroot \
    AzureFunctionsJobHost__Logging__Console__IsEnabled=true \
    FUNCTIONS_WORKER_RUNTIME=dotnet-isolated \
    Graphs__ChromiumPath=/usr/bin/chromium
# The publish output is the app root: host.json, functions.metadata, worker.config.json, .azurefunctions/.
COPY --from=build /src/publish/ /home/site/wwwroot/
# The base image runs the host as root on port 80; the worker it starts therefore runs as root too and
# launches Chromium with --no-sandbox (see docs/hosting.md).
EXPOSE 80
