import { graphql } from './__generated__/index.js';
import { byId, byTestId, errorMessage, logLine, setPill } from './dom.js';
import { galleryImages, galleryPoseIds } from './gallery-source.js';
import type { GatewayClient } from './gateway-client.js';

const ConnectZepetoMutation = graphql(`
  mutation DemoConnectZepeto {
    connectZepetoAccount {
      __typename
      ... on ConnectZepetoAccountSuccess { session { id url status } }
      ... on Error { message code }
    }
  }
`);

const ZepetoConnectionSubscription = graphql(`
  subscription DemoZepetoConnection($sessionId: ID!) {
    zepetoConnectionUpdated(sessionId: $sessionId) {
      id
      status
      avatars { id zepetoId }
    }
  }
`);

/** Images in the gallery. */
const GALLERY_SIZE = 8;

/**
 * Step 2: connectZepetoAccount -> the QR link (the sandbox completes the login on a click) ->
 * zepetoConnectionUpdated over SSE -> once CONNECTED, a pose gallery rendered by Render-it,
 * shown image by image.
 */
export function mountZepetoFlow(client: GatewayClient): void {
  const connect = byTestId<HTMLButtonElement>('demo-zepeto-connect');
  const complete = byTestId<HTMLButtonElement>('demo-zepeto-complete');
  const status = byTestId('demo-zepeto-status');
  const link = byId('zepeto-url');
  const gallery = byTestId('demo-gallery');
  let sessionId: string | undefined;
  connect.disabled = false;

  connect.addEventListener('click', async () => {
    connect.disabled = true;
    setPill(status, 'STARTING', 'busy');
    try {
      const { connectZepetoAccount: result } = await client.request(ConnectZepetoMutation, {});
      if (result.__typename !== 'ConnectZepetoAccountSuccess') {
        setPill(status, result.message, 'bad');
        connect.disabled = false;
        return;
      }
      sessionId = result.session.id;
      link.textContent = result.session.url;
      link.classList.remove('muted');
      complete.disabled = false;
      follow(sessionId);
    } catch (err) {
      setPill(status, errorMessage(err), 'bad');
      connect.disabled = false;
    }
  });

  complete.addEventListener('click', async () => {
    if (!sessionId) return;
    complete.disabled = true;
    // The sandbox's stand-in for the person scanning the QR code and logging in.
    try {
      const response = await fetch(`/sandbox/render-it/sandbox/auth/${encodeURIComponent(sessionId)}/complete`, { method: 'POST' });
      logLine(`sandbox login completed (HTTP ${response.status})`, response.ok ? 'ok' : 'bad');
      if (!response.ok) complete.disabled = false;
    } catch (err) {
      logLine(`sandbox login: ${errorMessage(err)}`, 'bad');
      complete.disabled = false;
    }
  });

  function follow(id: string): void {
    client.subscribe(ZepetoConnectionSubscription, { sessionId: id }, {
      onData: ({ zepetoConnectionUpdated: connection }) => {
        const ids = connection.avatars.map((a) => a.zepetoId).join(', ');
        const tone = connection.status === 'CONNECTED' ? 'ok' : connection.status === 'EXPIRED' ? 'bad' : 'busy';
        setPill(status, ids ? `${connection.status} · ${ids}` : connection.status, tone);
        if (connection.status === 'EXPIRED') {
          complete.disabled = true;
          connect.disabled = false;
        }
        const avatar = connection.avatars[0];
        if (connection.status === 'CONNECTED' && avatar) {
          complete.disabled = true;
          fillGallery(avatar.id).catch((err: unknown) => logLine(`gallery: ${errorMessage(err)}`, 'bad'));
        }
      },
      onError: (err) => setPill(status, errorMessage(err), 'bad'),
    });
  }

  async function fillGallery(avatarId: string): Promise<void> {
    gallery.replaceChildren();
    const poses = await galleryPoseIds(client, GALLERY_SIZE);
    for await (const image of galleryImages(client, avatarId, poses)) {
      const img = document.createElement('img');
      img.src = image.url;
      img.alt = `ZEPETO avatar in pose ${image.key}`;
      img.title = image.key;
      img.width = image.width;
      if (image.height) img.height = image.height;
      gallery.append(img);
    }
  }
}
