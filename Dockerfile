# The function app image: the Azure Functions host (custom handler) + our self-contained handler +
# Debian's Chromium for graphs. Built from the repo root: docker build -t chatops-functions:<tag> .
# Tags are pinned; bump them deliberately (and pin by digest for production releases).

# --- build: the same self-contained linux-x64 publish as scripts/publish -----------------------
FROM mcr.microsoft.com/dotnet/sdk:10.0.401 AS build
WORKDIR /src
# Project files first, so the restore layer is reused while only code changes.
COPY Directory.Build.props Directory.Packages.props ./
COPY protos/ protos/
COPY ChatOps.Core/ChatOps.Core.csproj ChatOps.Core/
COPY ChatOps.Functions/ChatOps.Functions.csproj ChatOps.Functions/
RUN dotnet restore ChatOps.Functions/ChatOps.Functions.csproj -r linux-x64 -p:SelfContained=true
COPY ChatOps.Core/ ChatOps.Core/
COPY ChatOps.Functions/ ChatOps.Functions/
COPY scripts/publish scripts/publish
RUN scripts/publish

# --- runtime: the Functions host image made for custom handlers (no language worker) ------------
FROM mcr.microsoft.com/azure-functions/base:4 AS runtime
# Chromium renders every graph (Graphs__ChromiumPath); DejaVu gives its text a font.
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium fonts-dejavu-core ca-certificates \
 && rm -rf /var/lib/apt/lists/*
ENV AzureWebJobsScriptRoot=/home/site/wwwroot \
    AzureFunctionsJobHost__Logging__Console__IsEnabled=true \
    FUNCTIONS_WORKER_RUNTIME=custom \
    Graphs__ChromiumPath=/usr/bin/chromium
# host.json starts publish/ChatOps.Functions relative to the script root.
COPY host.json /home/site/wwwroot/
COPY slack/function.json /home/site/wwwroot/slack/
COPY worker/function.json /home/site/wwwroot/worker/
COPY poison/function.json /home/site/wwwroot/poison/
COPY --from=build /src/publish/ /home/site/wwwroot/publish/
# The base image runs the host as root (it listens on port 80 and writes under /home); the
# handler therefore runs as root too and launches Chromium with --no-sandbox (see README, Hosting).
EXPOSE 80
