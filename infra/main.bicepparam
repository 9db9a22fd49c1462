// Example parameters. Secrets come from environment variables so they never land in a file:
//   export SLACK_SIGNING_SECRET=... SLACK_BOT_TOKEN=xoxb-... CONFIRMATIONS_HMAC_KEY=$(openssl rand -base64 48)
//   export OPS_SERVICE_TOKEN=$(openssl rand -hex 32)
using 'main.bicep'

param namePrefix = 'chatops'
// flex needs no image for the function app; premium (our Chromium image) only for URL shortcuts.
param hosting = 'flex'
// Listed here so `--parameters deployApps=false` can override them: the CLI only overrides what this file sets.
param deployApps = true
param deployOpsService = true
param functionsImage = 'chatops-functions:1.0.0'
param opsServiceImage = 'chatops-ops:1.0.0'

param prometheusUrl = 'https://prometheus.example.com'
param jaegerUrl = 'https://jaeger.example.com'
param opsDefaultService = 'checkout'
param traceUiUrl = 'https://jaeger.example.com/trace/{id}'

param slackSigningSecret = readEnvironmentVariable('SLACK_SIGNING_SECRET')
param slackBotToken = readEnvironmentVariable('SLACK_BOT_TOKEN')
param confirmationsHmacKey = readEnvironmentVariable('CONFIRMATIONS_HMAC_KEY')
// Required: the Ops service has public ingress, and without a token anyone could call it (change sampling included).
param opsServiceToken = readEnvironmentVariable('OPS_SERVICE_TOKEN')

param graphShortcuts = {
  latency: {
    Query: 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m]))) * 1000'
    Title: 'p99 latency'
    Unit: 'ms'
    Range: '01:00:00'
  }
}

// Ids, never names: user groups (S...), users (U...), channels (C...). `mutating` names every command that changes
// production (deploy, rollback, silence, unsilence, change sampling, config push, config rollback): until a rule names
// them, they are refused to everyone.
param accessRules = [
  {
    commands: 'mutating'
    groups: 'S0ONCALL'
    channels: 'C0INCIDENTS'
    requireApproval: true
  }
]
