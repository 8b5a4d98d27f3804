// The standalone host's fifteen sandbox identity targets (local.settings.sample.json) written as the deployment's
// identityTargets parameter, for BicepTemplateTests: the Bicep compiler checks this value against the parameter's
// type, and the tests compare the app settings the template makes of it with the sample's. Azure app setting names
// take no "-", so the sample's "payroll-portal" is "payroll_portal" here (the tests map the names alike).
using '../../../infra/main.bicep'

param namePrefix = 'intg'
param environmentName = 'dev'
param offboardingEnabled = true

var sandbox = 'http://127.0.0.1:7080'
var token = 'identity-sandbox-token'

// The generic REST apps the sandbox emulates at /rest/{app}: X-Api-Key auth, 409 on a repeated deactivation.
var restCalls = {
  authHeader: 'X-Api-Key'
  authScheme: ''
  revokeUrl: 'users/{account}/deactivate'
  alreadyDoneCodes: [409]
  createUrl: 'users'
  createBody: '{"email":"{workEmail}","name":"{displayName}"}'
}

param identityTargets = {
  entra: { kind: 'graph', baseUrl: '${sandbox}/graph', tokenSecretName: token }
  okta: { kind: 'okta', baseUrl: '${sandbox}/okta', tokenSecretName: token }
  google: { kind: 'google-workspace', baseUrl: '${sandbox}/google', tokenSecretName: token }
  slack: { kind: 'slack-scim', baseUrl: '${sandbox}/slack', tokenSecretName: token }
  github: {
    kind: 'github'
    baseUrl: '${sandbox}/github'
    tokenSecretName: token
    organization: 'acme'
    accountField: 'githubUsername'
  }
  atlassian: { kind: 'atlassian', baseUrl: '${sandbox}/atlassian', tokenSecretName: token, directoryId: 'sandbox-directory' }
  zoom: { kind: 'zoom', baseUrl: '${sandbox}/zoom', tokenSecretName: token }
  expenses: { kind: 'rest', baseUrl: '${sandbox}/rest/expenses', tokenSecretName: token, rest: restCalls }
  payroll_portal: { kind: 'rest', baseUrl: '${sandbox}/rest/payroll-portal', tokenSecretName: token, rest: restCalls }
  wiki: { kind: 'rest', baseUrl: '${sandbox}/rest/wiki', tokenSecretName: token, rest: restCalls }
  crm_seats: { kind: 'rest', baseUrl: '${sandbox}/rest/crm-seats', tokenSecretName: token, rest: restCalls }
  vpn: { kind: 'rest', baseUrl: '${sandbox}/rest/vpn', tokenSecretName: token, rest: restCalls }
  badge_access: { kind: 'rest', baseUrl: '${sandbox}/rest/badge-access', tokenSecretName: token, rest: restCalls }
  ticketing: { kind: 'rest', baseUrl: '${sandbox}/rest/ticketing', tokenSecretName: token, rest: restCalls }
  file_share: { kind: 'rest', baseUrl: '${sandbox}/rest/file-share', tokenSecretName: token, rest: restCalls }
}

// The standalone host's stores, warehouses and routing rule (local.settings.sample.json) as the order parameters, which
// also make its "shopify", "shipbob" and "shipstation" webhook sources (each store's secret under the default
// webhooks-shopify-<shop>-secret); shop handles written with "_" ("-" would do too; the app reads "store_a" as "store-a").
param shopifyShops = {
  store_a: { baseUrl: '${sandbox}/shopify/store-a', accessTokenSecretName: 'shopify-sandbox-token' }
  store_b: { baseUrl: '${sandbox}/shopify/store-b', accessTokenSecretName: 'shopify-sandbox-token' }
  store_c: { baseUrl: '${sandbox}/shopify/store-c', accessTokenSecretName: 'shopify-sandbox-token' }
}
param shipBobBaseUrl = '${sandbox}/shipbob'
param shipBobChannelId = '100100'
param shipStationBaseUrl = '${sandbox}/shipstation'
param shipStationInventoryBaseUrl = '${sandbox}/shipstation/v2'
param ordersRouting = {
  US: ['shipbob', 'shipstation']
  default: ['shipstation', 'shipbob']
}
param ordersStockPollInterval = '00:00:05'
