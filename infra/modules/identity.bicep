metadata name = 'Function app identity'
metadata description = 'User-assigned managed identity for the function app. It exists before the app does, so every role assignment is in place when the app first starts.'

@description('Required. Name of the user-assigned managed identity.')
param name string

@description('Optional. Location for the identity.')
param location string = resourceGroup().location

@description('Optional. Tags for the identity.')
param tags object = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

@description('The name of the identity.')
output name string = identity.name

@description('The resource ID of the identity.')
output resourceId string = identity.id

@description('The object (principal) ID of the identity, used for role assignments.')
output principalId string = identity.properties.principalId

@description('The client (application) ID of the identity, used in AzureWebJobsStorage__clientId.')
output clientId string = identity.properties.clientId
