// ChatOps on Azure: storage (queues + dedupe container, identity only), one user-assigned identity,
// Key Vault (RBAC) with the Slack and confirmation secrets, Log Analytics + Application Insights,
// a container registry, the function app (.NET 10 isolated worker: Flex Consumption by default, or an
// Elastic Premium container with Chromium for URL shortcuts) and, optionally, the Ops service as a
// Container App. See docs/deploying-to-azure.md and docs/hosting.md.

targetScope = 'resourceGroup'

@description('Region of every resource.')
param location string = resourceGroup().location

@minLength(3)
@maxLength(11)
@description('Lower-case letters and digits; names are derived from it plus a hash of the resource group.')
param namePrefix string = 'chatops'

@allowed([ 'flex', 'premium' ])
@description('flex: Flex Consumption running the zip package (dotnet-isolated 10.0); everything but URL shortcuts, which need a browser. premium: Elastic Premium EP1 running our container image with Chromium, for URL shortcuts.')
param hosting string = 'flex'

@description('false on the first run: creates the registry, vault, storage and monitoring only, so the images can be pushed before the apps that pull them exist.')
param deployApps bool = true

@description('premium: the function app image in the registry (repository:tag).')
param functionsImage string = 'chatops-functions:1.0.0'

@description('Deploy the Ops service as a Container App; false = use opsEndpoint.')
param deployOpsService bool = true

@description('Ops service image in the registry (repository:tag).')
param opsServiceImage string = 'chatops-ops:1.0.0'

@description('Your Prometheus, as the Ops service reaches it.')
param prometheusUrl string

@description('Your Jaeger query service, as the Ops service reaches it.')
param jaegerUrl string

@description('Service whose sampling `change sampling` sets, and ListTraces\' default.')
param opsDefaultService string = ''

@description('An existing Ops service (when deployOpsService is false), e.g. https://ops.example.com.')
param opsEndpoint string = ''

@description('Trace link template with {id}, e.g. https://jaeger.example.com/trace/{id}; empty = no links.')
param traceUiUrl string = ''

@secure()
@description('Slack app signing secret (Basic Information).')
param slackSigningSecret string

@secure()
@description('Slack bot token, xoxb-... (OAuth & Permissions).')
param slackBotToken string

@secure()
@description('Key that signs confirmation buttons (HMAC); 32+ random bytes, e.g. openssl rand -base64 48.')
param confirmationsHmacKey string

@secure()
@description('Bearer token between the function app and the Ops service; empty = the Ops service is open.')
param opsServiceToken string = ''

@description('Grafana origin for URL shortcuts (the token is sent only there).')
param grafanaUrl string = ''

@secure()
@description('Grafana service-account token; empty = none.')
param grafanaToken string = ''

@secure()
@description('Bearer token Alertmanager sends to /api/alertmanager (its http_config); empty = no alert receiver.')
param alertsWebhookToken string = ''

@description('Channel id (C...) the alert receiver posts to when no route takes a notification; empty = no alert receiver.')
param alertsDefaultChannel string = ''

@description('Graph shortcuts: { name: { Query|Url: ..., Title: ..., Unit: ..., Range: ..., Step: ..., WaitFor: ... } }.')
param graphShortcuts object = {}

@description('Access rules: [ { commands, users, groups, channels, requireApproval, environments } ]; see docs/trust.md and docs/environments.md.')
param accessRules array = []

@description('How long a confirmation button stays valid (TimeSpan).')
param confirmationsExpiry string = '00:10:00'

@description('Largest Slack request body accepted, in bytes.')
param limitsMaxBodyBytes int = 131072

@description('Longest command text accepted, in characters.')
param limitsMaxCommandLength int = 2000

@description('Commands per user per minute.')
param limitsCommandsPerMinute int = 20

@description('Ops calls in flight at once, per instance.')
param limitsMaxConcurrentOpsCalls int = 8

@description('Always-ready instances, at least 1 (Slack wants an answer in 3 s). flex: of the HTTP trigger group; premium: of the plan.')
param alwaysReadyInstances int = 1

@description('Scale-out limit.')
param maximumInstances int = 10

@allowed([ 2048, 4096 ])
@description('flex only: instance memory in MB.')
param flexInstanceMemoryMB int = 2048

var baseName = '${namePrefix}-${take(uniqueString(resourceGroup().id), 6)}'
var compactName = toLower('${namePrefix}${uniqueString(resourceGroup().id)}')

func kvRef(secretUri string) string => '@Microsoft.KeyVault(SecretUri=${secretUri})'

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: { location: location, baseName: baseName }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: { location: location, baseName: baseName }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    storageAccountName: take(compactName, 24)
    principalId: identity.outputs.principalId
  }
}

module registry 'modules/registry.bicep' = {
  name: 'registry'
  params: {
    location: location
    registryName: take('acr${compactName}', 50)
    principalId: identity.outputs.principalId
  }
}

module vault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    location: location
    keyVaultName: take('kv${compactName}', 24)
    principalId: identity.outputs.principalId
    slackSigningSecret: slackSigningSecret
    slackBotToken: slackBotToken
    confirmationsHmacKey: confirmationsHmacKey
    opsServiceToken: opsServiceToken
    grafanaToken: grafanaToken
    alertsWebhookToken: alertsWebhookToken
  }
}

module opsService 'modules/opsService.bicep' = if (deployApps && deployOpsService) {
  name: 'opsService'
  params: {
    location: location
    baseName: baseName
    workspaceName: monitoring.outputs.workspaceName
    identityId: identity.outputs.id
    registryServer: registry.outputs.loginServer
    image: opsServiceImage
    prometheusUrl: prometheusUrl
    jaegerUrl: jaegerUrl
    defaultService: opsDefaultService
    tokenSecretUri: vault.outputs.opsTokenUri
  }
}

// The Container App's endpoint when this template deploys the Ops service, else the one given.
var opsTarget = opsService.?outputs.endpoint ?? opsEndpoint

// Every setting the app reads at start (docs/configuration.md), Azure's values.
var settings = {
  APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.appInsightsConnectionString
  Slack__SigningSecret: kvRef(vault.outputs.signingSecretUri)
  Slack__BotToken: kvRef(vault.outputs.botTokenUri)
  Slack__ApiBaseUrl: 'https://slack.com/api/'
  Slack__BotUserId: ''
  Slack__MaxRetryAfter: '00:00:30'
  Slack__ChannelPace: '00:00:01'
  Slack__FileHostUrl: 'https://files.slack.com/'
  Ops__Endpoint: opsTarget
  Ops__Token: empty(opsServiceToken) ? '' : kvRef(vault.outputs.opsTokenUri)
  Ops__Timeout: '00:00:10'
  Ops__TraceUiUrl: traceUiUrl
  Worker__MaxDequeueCount: '3' // host.json extensions.queues.maxDequeueCount
  Worker__DeploymentPoll: '00:00:10' // how often a followed deployment's message is updated
  Worker__DeploymentFollowFor: '00:20:00' // how long a deployment is followed through an Ops outage: the longest action timeout plus a margin
  Worker__ProfileCollectFor: '00:15:00' // how long a profile is looked for through an Ops outage: the Ops service's KeepFor
  Graphs__ChromiumPath: '/usr/bin/chromium' // in the premium image only; URL shortcuts fail on Flex
  Graphs__RenderTimeout: '00:00:20'
  Graphs__MaxConcurrentRenders: '2'
  Graphs__Width: '1200'
  Graphs__Height: '600'
  Graphs__AllowAdHocQueries: 'true'
  Graphs__ShortcutsFile: ''
  Graphs__Grafana__Url: grafanaUrl
  Graphs__Grafana__Token: empty(grafanaToken) ? '' : kvRef(vault.outputs.grafanaTokenUri)
  Confirmations__HmacKey: kvRef(vault.outputs.hmacKeyUri)
  Confirmations__Expiry: confirmationsExpiry
  Limits__MaxBodyBytes: string(limitsMaxBodyBytes)
  Limits__MaxCommandLength: string(limitsMaxCommandLength)
  Limits__CommandsPerMinute: string(limitsCommandsPerMinute)
  Limits__MaxConcurrentOpsCalls: string(limitsMaxConcurrentOpsCalls)
  Alerts__WebhookToken: empty(alertsWebhookToken) ? '' : kvRef(vault.outputs.alertsTokenUri)
  Alerts__DefaultChannel: alertsDefaultChannel
}

var shortcutSettings = flatten(map(items(graphShortcuts), s => map(items(s.value), f => {
  name: 'Graphs__Shortcuts__${s.key}__${f.key}'
  value: string(f.value)
})))

var accessSettings = flatten(map(range(0, length(accessRules)), i => [
  { name: 'Access__Rules__${i}__Commands', value: accessRules[i].commands }
  { name: 'Access__Rules__${i}__Users', value: accessRules[i].?users ?? '' }
  { name: 'Access__Rules__${i}__Groups', value: accessRules[i].?groups ?? '' }
  { name: 'Access__Rules__${i}__Channels', value: accessRules[i].?channels ?? '' }
  { name: 'Access__Rules__${i}__RequireApproval', value: string(accessRules[i].?requireApproval ?? false) }
  { name: 'Access__Rules__${i}__Environments', value: accessRules[i].?environments ?? '' }
]))

module functionApp 'modules/functionApp.bicep' = if (deployApps) {
  name: 'functionApp'
  params: {
    location: location
    baseName: baseName
    hosting: hosting
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    registryServer: registry.outputs.loginServer
    image: functionsImage
    alwaysReadyInstances: alwaysReadyInstances
    maximumInstances: maximumInstances
    flexInstanceMemoryMB: flexInstanceMemoryMB
    // The settings read the vault module's outputs, so the app is created only after the vault, its secrets
    // and the identity's role on it: Key Vault references resolve from the first start.
    handlerSettings: concat(map(items(settings), s => { name: s.key, value: s.value }), shortcutSettings, accessSettings)
  }
}

// Empty when deployApps=false (the first run, before the images are pushed).
var functionHost = functionApp.?outputs.hostName ?? ''

@description('Paste into slack/manifest.yml (event subscriptions, slash command, interactivity).')
output slackRequestUrl string = empty(functionHost) ? '' : 'https://${functionHost}/api/slack'
output functionAppName string = functionApp.?outputs.name ?? ''
output registryName string = registry.outputs.name
output registryLoginServer string = registry.outputs.loginServer
output keyVaultName string = vault.outputs.name
output opsEndpoint string = deployApps ? opsTarget : ''
output alertmanagerReceiverUrl string = empty(functionHost) ? '' : 'https://${functionHost}/api/alertmanager'
