// The function app's storage: no shared keys, only the identity. Holds the command queues the
// functions bind to (the [QueueOutput]/[QueueTrigger] attributes of slack, worker and poison), the
// worker's dedupe container (exactly-once replies under Slack retries, written with the Blobs SDK) and
// the Flex Consumption deployment package container.

param location string
param storageAccountName string
param principalId string

// Queues the functions bind to (and the worker re-enqueues into with the Queues SDK); must equal the
// queue names in the functions' attributes (functions.metadata after a build).
var queueNames = [
  'chatops-commands'
  'chatops-commands-poison'
]

// Blob containers: the worker's dedupe markers (conditional creates), the on-call overrides (kept up to a
// month, so outside the dedupe lifecycle rule below), and the Flex deployment package.
var containerNames = [
  'chatops-dedupe'
  'chatops-oncall'
  'app-package'
]

// Built-in role definition ids (Azure RBAC).
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    defaultToOAuthAuthentication: true
  }
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [for name in queueNames: {
  parent: queueService
  name: name
}]

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [for name in containerNames: {
  parent: blobService
  name: name
  properties: { publicAccess: 'None' }
}]

// A dedupe marker only matters while Slack may retry (minutes) or the queue may redeliver (hours);
// a week later it is deleted, so the container does not grow forever. The same container keeps each alert
// group's record (alertmsg-*): the app writes a firing group's record again at least every 2 days (every
// notification, Alertmanager's repeats included, and its hourly sweep), so this rule never deletes the record
// of a group that still fires; the sweep removes a record 3 days after its group resolved. The on-call
// overrides live in chatops-oncall, out of this rule's reach: the app deletes an ended override itself.
resource dedupeLifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'expire-dedupe-markers'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [ 'blockBlob' ]
              prefixMatch: [ 'chatops-dedupe/' ]
            }
            actions: {
              baseBlob: {
                delete: { daysAfterModificationGreaterThan: 7 }
              }
            }
          }
        }
      ]
    }
  }
}

// Identity-based AzureWebJobsStorage: Blob Data Owner is the host's minimum, and covers the worker's
// dedupe blobs (read, conditional create) and the Flex package; Queue Data Contributor covers the queue
// trigger, the queue output and the worker's own sends (a visibility delay for Slack's Retry-After);
// Table Data Contributor lets the host persist its diagnostic events. No Storage Account Contributor: that control-plane role could
// list keys and turn shared-key access back on, and nothing here (no blob trigger, no Durable
// Functions) needs it.
resource roleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in items(roles): {
  name: guid(storage.id, principalId, role.value)
  scope: storage
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.value)
  }
}]

output name string = storage.name
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output deploymentContainerUrl string = '${storage.properties.primaryEndpoints.blob}app-package'
