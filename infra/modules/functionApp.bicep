// The function app (.NET 10 isolated worker) in one of two hostings:
//   flex:    Flex Consumption running the zip package; runtime dotnet-isolated 10.0 from functionAppConfig.
//            No browser there: URL shortcuts (Chromium screenshots) fail; everything else works.
//   premium: Elastic Premium EP1 running our container image (the Functions host + worker + Chromium),
//            for teams that use URL shortcuts.

param location string
param baseName string
@allowed([ 'flex', 'premium' ])
param hosting string
param identityId string
param identityClientId string
param storageAccountName string
param deploymentContainerUrl string
param registryServer string
@description('premium only: image in the registry, repository:tag.')
param image string
@description('Instances kept warm (premium: the plan\'s always-ready instances; flex: the http group\'s).')
param alwaysReadyInstances int
param maximumInstances int
@description('flex only: instance memory in MB.')
param flexInstanceMemoryMB int
@description('Every app setting of the app (name -> value), built in main.bicep.')
param handlerSettings array

var premium = hosting == 'premium'

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-${baseName}'
  location: location
  kind: premium ? 'elastic' : 'functionapp'
  sku: premium ? { name: 'EP1', tier: 'ElasticPremium' } : { name: 'FC1', tier: 'FlexConsumption' }
  properties: {
    reserved: true // Linux
    maximumElasticWorkerCount: premium ? maximumInstances : null
  }
}

// Host storage through the identity (no connection string, no account key), one URI per service as
// Microsoft's Flex samples set them. The app's own Blob and Queue clients (dedupe markers, delayed
// re-enqueue) read the same AzureWebJobsStorage section: Microsoft.Extensions.Azure's client factory
// knows connectionString/serviceUri and credential/clientId, not accountName, so the service URIs are
// spelled out here for it too.
var storageSuffix = environment().suffixes.storage
var hostSettings = [
  { name: 'AzureWebJobsStorage__blobServiceUri', value: 'https://${storageAccountName}.blob.${storageSuffix}' }
  { name: 'AzureWebJobsStorage__queueServiceUri', value: 'https://${storageAccountName}.queue.${storageSuffix}' }
  { name: 'AzureWebJobsStorage__tableServiceUri', value: 'https://${storageAccountName}.table.${storageSuffix}' }
  { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
  { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
]
// Flex takes the runtime from functionAppConfig and rejects FUNCTIONS_WORKER_RUNTIME and
// FUNCTIONS_EXTENSION_VERSION as app settings; a container needs both and brings its own content.
var premiumSettings = [
  { name: 'FUNCTIONS_EXTENSION_VERSION', value: '~4' }
  { name: 'FUNCTIONS_WORKER_RUNTIME', value: 'dotnet-isolated' }
  { name: 'WEBSITES_ENABLE_APP_SERVICE_STORAGE', value: 'false' }
]

// One site resource; only its kind and properties differ between the hostings.
var premiumProperties = {
  serverFarmId: plan.id
  httpsOnly: true
  keyVaultReferenceIdentity: identityId
  siteConfig: {
    linuxFxVersion: 'DOCKER|${registryServer}/${image}'
    acrUseManagedIdentityCreds: true
    acrUserManagedIdentityID: identityClientId
    minimumElasticInstanceCount: alwaysReadyInstances
    functionAppScaleLimit: maximumInstances
    ftpsState: 'Disabled'
    minTlsVersion: '1.2'
    appSettings: concat(hostSettings, premiumSettings, handlerSettings)
  }
}

var flexProperties = {
  serverFarmId: plan.id
  httpsOnly: true
  keyVaultReferenceIdentity: identityId
  functionAppConfig: {
    deployment: {
      storage: {
        type: 'blobContainer'
        value: deploymentContainerUrl
        authentication: { type: 'UserAssignedIdentity', userAssignedIdentityResourceId: identityId }
      }
    }
    scaleAndConcurrency: {
      maximumInstanceCount: maximumInstances
      instanceMemoryMB: flexInstanceMemoryMB
      // Slack wants an answer in 3 s: keep the HTTP trigger group warm (billed while idle).
      alwaysReady: [ { name: 'http', instanceCount: alwaysReadyInstances } ]
    }
    // A first-class Flex stack (az functionapp list-flexconsumption-runtimes lists dotnet-isolated 10.0).
    runtime: { name: 'dotnet-isolated', version: '10.0' }
  }
  siteConfig: {
    ftpsState: 'Disabled'
    minTlsVersion: '1.2'
    appSettings: concat(hostSettings, handlerSettings)
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: 'func-${baseName}'
  location: location
  kind: premium ? 'functionapp,linux,container' : 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: premium ? premiumProperties : flexProperties
}

output name string = site.name
output hostName string = site.properties.defaultHostName
