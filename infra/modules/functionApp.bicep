// The function app in one of two hostings:
//   premium: Elastic Premium EP1 running our container image (the Functions host + handler + Chromium);
//   flex:    Flex Consumption running the zip package (runtime `custom`), without Chromium.

param location string
param baseName string
@allowed([ 'premium', 'flex' ])
param hosting string
param identityId string
param identityClientId string
param storageAccountName string
param deploymentContainerUrl string
param registryServer string
@description('premium only: image in the registry, repository:tag.')
param image string
@description('premium only: instances kept warm (no cold start for Slack\'s 3-second deadline).')
param alwaysReadyInstances int
param maximumInstances int
@description('flex only: instance memory in MB.')
param flexInstanceMemoryMB int
@description('Every app setting of the handler (name -> value), built in main.bicep.')
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

// Host storage through the identity (no connection string, no account key).
var hostSettings = [
  { name: 'AzureWebJobsStorage__accountName', value: storageAccountName }
  { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
  { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
]
// Flex takes the runtime from functionAppConfig and rejects these; containers bring their own content.
var premiumSettings = [
  { name: 'FUNCTIONS_EXTENSION_VERSION', value: '~4' }
  { name: 'FUNCTIONS_WORKER_RUNTIME', value: 'custom' }
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
      alwaysReady: [ { name: 'http', instanceCount: alwaysReadyInstances } ]
    }
    // Runtime version for custom handlers not verified here: check az functionapp list-flexconsumption-runtimes.
    runtime: { name: 'custom', version: '1.0' }
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
