import './style.css';
import { mountAvatarFlow } from './avatar-flow.js';
import { CostMeter } from './cost-meter.js';
import { byId, byTestId, errorMessage, logLine } from './dom.js';
import { GatewayClient } from './gateway-client.js';
import { loadSettings, obtainSession } from './session.js';
import { mountZepetoFlow } from './zepeto-flow.js';

async function start(): Promise<void> {
  const settings = await loadSettings();
  byId('mode').textContent = settings.demoToken ? 'sandbox' : 'demo';
  byId('graphiql-link').hidden = !settings.graphiql;
  if (!settings.sandboxZepetoLogin) {
    byTestId('demo-zepeto-complete').hidden = true;
    byId('zepeto-note').textContent = 'Render-it is live here: show the link as a QR code and log in with the ZEPETO app.';
  }
  const session = await obtainSession(settings);
  const until = session.expiresAt ? new Date(session.expiresAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hour12: false }) : undefined;
  byId('session').textContent = until
    ? `Signed in as ${session.userId}, a fresh demo user (a sandbox token, valid until ${until}).`
    : `Using the pasted token (user ${session.userId}).`;

  const cost = new CostMeter(byTestId('demo-cost'));
  const client = new GatewayClient(session.token, (operation, response) => {
    if (response.extensions?.cost) cost.add(response.extensions.cost);
    const error = response.errors?.[0];
    const spent = response.extensions?.cost ? `, ${response.extensions.cost.images} images` : '';
    logLine(error ? `${operation}: ${error.message}` : `${operation}${spent}`, error ? 'bad' : 'idle');
  });
  mountAvatarFlow(client);
  mountZepetoFlow(client);
}

start().catch((err: unknown) => {
  byId('session').textContent = `The demo could not start: ${errorMessage(err)}`;
});
