// Key Vault in RBAC mode with the app's secrets. App settings reference them with
// @Microsoft.KeyVault(SecretUri=...) (versionless: a new secret version is picked up without a redeploy).

param location string
param keyVaultName string
param principalId string

@secure()
param slackSigningSecret string
@secure()
param slackBotToken string
@secure()
param confirmationsHmacKey string
@secure()
@description('Bearer token between the function app and the Ops service; empty = none.')
param opsServiceToken string
@secure()
@description('Grafana service-account token for URL shortcuts; empty = none.')
param grafanaToken string

@secure()
@description('Bearer token Alertmanager sends to the alert receiver; empty = none.')
param alertsWebhookToken string

var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    publicNetworkAccess: 'Enabled'
  }
}

resource signingSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'slack-signing-secret'
  properties: { value: slackSigningSecret }
}

resource botToken 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'slack-bot-token'
  properties: { value: slackBotToken }
}

resource hmacKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'confirmations-hmac-key'
  properties: { value: confirmationsHmacKey }
}

resource opsToken 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(opsServiceToken)) {
  parent: vault
  name: 'ops-service-token'
  properties: { value: opsServiceToken }
}

resource grafana 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(grafanaToken)) {
  parent: vault
  name: 'grafana-token'
  properties: { value: grafanaToken }
}

resource alertsToken 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(alertsWebhookToken)) {
  parent: vault
  name: 'alerts-webhook-token'
  properties: { value: alertsWebhookToken }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, principalId, keyVaultSecretsUser)
  scope: vault
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
  }
}

output name string = vault.name
output signingSecretUri string = signingSecret.properties.secretUri
output botTokenUri string = botToken.properties.secretUri
output hmacKeyUri string = hmacKey.properties.secretUri
// The optional secrets exist only when their value was given; their URIs are then '' (never the value).
output opsTokenUri string = opsToken.?properties.secretUri ?? ''
output grafanaTokenUri string = grafana.?properties.secretUri ?? ''
output alertsTokenUri string = alertsToken.?properties.secretUri ?? ''
