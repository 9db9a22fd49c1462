// The one user-assigned identity the function app and the Ops service run as: it reads the
// storage account, the Key Vault secrets and pulls images from the registry.

param location string
param baseName string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${baseName}'
  location: location
}

output id string = identity.id
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
