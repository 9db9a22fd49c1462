// The Ops gRPC service (ChatOps.OpsService) as a Container App: gRPC over TLS on the environment's
// HTTP/2 ingress, bearer token from Key Vault, /healthz on the metrics port as liveness probe.

param location string
param baseName string
param workspaceName string
param identityId string
param registryServer string
@description('Image in the registry, repository:tag.')
param image string
param prometheusUrl string
param jaegerUrl string
param defaultService string
@description('Key Vault secret URI of the bearer token; empty = the service is open.')
param tokenSecretUri string

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: workspaceName
}

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: 'cae-${baseName}'
  location: location
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: workspace.properties.customerId
        sharedKey: workspace.listKeys().primarySharedKey
      }
    }
  }
}

var baseEnv = [
  { name: 'OpsService__Listen', value: 'http://0.0.0.0:50051' }
  { name: 'OpsService__MetricsListen', value: 'http://0.0.0.0:9464' }
  { name: 'OpsService__PrometheusUrl', value: prometheusUrl }
  { name: 'OpsService__JaegerUrl', value: jaegerUrl }
  { name: 'OpsService__DefaultService', value: defaultService }
  // In Azure nothing shares this file with Jaeger: see docs/deploying-to-azure.md.
  { name: 'OpsService__SamplingFile', value: '/var/lib/chatops/sampling/sampling-strategies.json' }
]
var tokenEnv = empty(tokenSecretUri) ? [] : [ { name: 'OpsService__Token', secretRef: 'ops-token' } ]

resource ops 'Microsoft.App/containerApps@2024-03-01' = {
  name: 'ca-${baseName}-ops'
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    managedEnvironmentId: environment.id
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: 50051
        transport: 'http2'
        allowInsecure: false
      }
      registries: [ { server: registryServer, identity: identityId } ]
      secrets: empty(tokenSecretUri) ? [] : [ { name: 'ops-token', keyVaultUrl: tokenSecretUri, identity: identityId } ]
    }
    template: {
      containers: [
        {
          name: 'ops'
          image: '${registryServer}/${image}'
          resources: { cpu: json('0.5'), memory: '1Gi' }
          env: concat(baseEnv, tokenEnv)
          probes: [
            { type: 'Liveness', httpGet: { path: '/healthz', port: 9464 } }
          ]
        }
      ]
      scale: { minReplicas: 1, maxReplicas: 2 }
    }
  }
}

output endpoint string = 'https://${ops.properties.configuration.ingress.fqdn}'
