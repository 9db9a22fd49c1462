// The Bolt for JavaScript baseline of bench/run: its default HTTPReceiver verifies the signature
// and acks each event; the app_mention listener does nothing. Bolt acks events itself before the
// listener runs. The bot's identity is given, so Bolt never calls auth.test (no network).
// Settings: SLACK_SIGNING_SECRET, PORT (listens on 127.0.0.1 only), POST /slack/events.
const { App, LogLevel } = require('@slack/bolt');

const app = new App({
  signingSecret: process.env.SLACK_SIGNING_SECRET,
  authorize: async () => ({ botToken: 'xoxb-bench', botId: 'BBENCH01', botUserId: 'UBENCH01' }),
  logLevel: LogLevel.WARN,
});

app.event('app_mention', async () => {});

(async () => {
  await app.start({ port: Number(process.env.PORT), host: '127.0.0.1' });
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
