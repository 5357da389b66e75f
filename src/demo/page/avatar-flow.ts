import { graphql } from './__generated__/index.js';
import { byId, byTestId, errorMessage, logLine, setPill } from './dom.js';
import type { GatewayClient } from './gateway-client.js';

const CreateAvatarMutation = graphql(`
  mutation DemoCreateAvatar($input: CreateAvatarInput!) {
    createAvatar(input: $input) {
      __typename
      ... on CreateAvatarSuccess { avatar { id status } }
      ... on Error { message code }
    }
  }
`);

const AvatarUpdatedSubscription = graphql(`
  subscription DemoAvatarUpdated($id: ID!) {
    avatarUpdated(id: $id) {
      id
      status
      ... on AvaturnAvatar { failureReason model { status url } }
    }
  }
`);

const ExportAvatarMutation = graphql(`
  mutation DemoExportAvatar($id: ID!) {
    exportAvatar(id: $id) {
      __typename
      ... on ExportAvatarSuccess { model { status url } }
      ... on Error { message code }
    }
  }
`);

const PreviewQuery = graphql(`
  query DemoPreview($id: ID!) {
    avatar(id: $id) {
      image(pose: "common/preview", format: PNG) { id status url failureReason }
    }
  }
`);

const ImageUpdatedSubscription = graphql(`
  subscription DemoImageUpdated($id: ID!) {
    imageUpdated(id: $id) { id status url failureReason }
  }
`);

const VIEWS = ['frontal', 'side1', 'side2'] as const;
type View = (typeof VIEWS)[number];
type Model = { status: string; url?: string | null } | null | undefined;

/**
 * Step 1: three photos (the bundled samples or the person's own) -> createAvatar (multipart) ->
 * avatarUpdated over SSE (current state first) -> once READY, exportAvatar for the GLB link and
 * an Avaturn scene render for the preview.
 */
export function mountAvatarFlow(client: GatewayClient): void {
  const photos = new Map<View, File>();
  const create = byTestId<HTMLButtonElement>('demo-create');
  const status = byTestId('demo-avatar-status');
  const modelLink = byTestId<HTMLAnchorElement>('demo-model-link');
  const modelNote = byId('model-note');
  const preview = byTestId<HTMLImageElement>('demo-preview');
  const previewNote = byId('preview-note');

  const showPhoto = (view: View, file: File, src: string) => {
    photos.set(view, file);
    const img = byId<HTMLImageElement>(`photo-${view}`);
    img.src = src;
    img.hidden = false;
    create.disabled = photos.size < VIEWS.length;
  };

  for (const input of document.querySelectorAll<HTMLInputElement>('input[data-photo]')) {
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (file) showPhoto(input.dataset['photo'] as View, file, URL.createObjectURL(file));
    });
  }

  byTestId('demo-use-samples').addEventListener('click', async () => {
    try {
      for (const view of VIEWS) {
        const src = `/demo/samples/${view}.jpg`;
        const response = await fetch(src);
        if (!response.ok) throw new Error(`${src} answered HTTP ${response.status}`);
        const blob = await response.blob();
        showPhoto(view, new File([blob], `${view}.jpg`, { type: blob.type }), src);
      }
      logLine('sample photos loaded from /demo/samples/');
    } catch (err) {
      logLine(`sample photos: ${errorMessage(err)}`, 'bad');
    }
  });

  const showModel = (model: Model) => {
    if (model?.status === 'READY' && model.url) {
      modelLink.href = model.url;
      modelLink.hidden = false;
      modelNote.textContent = ' (temporary URL)';
    } else if (model?.status === 'FAILED') {
      modelNote.textContent = 'the export failed';
    }
  };

  const showPreview = (image: { status: string; url?: string | null; failureReason?: string | null }) => {
    if (image.status === 'READY' && image.url) {
      preview.src = image.url;
      preview.hidden = false;
      previewNote.textContent = 'common/preview, rendered by Avaturn';
    } else if (image.status === 'FAILED') {
      previewNote.textContent = `render failed: ${image.failureReason ?? 'unknown reason'}`;
    }
  };

  async function whenReady(id: string): Promise<void> {
    modelNote.textContent = 'exporting…';
    const exported = await client.request(ExportAvatarMutation, { id });
    if (exported.exportAvatar.__typename === 'ExportAvatarSuccess') showModel(exported.exportAvatar.model);
    else modelNote.textContent = exported.exportAvatar.message;

    previewNote.textContent = 'rendering…';
    const { avatar } = await client.request(PreviewQuery, { id });
    if (!avatar) return;
    showPreview(avatar.image);
    if (avatar.image.status !== 'PENDING') return;
    // Past SCENE_RENDER_WAIT_MS the render finishes in the background and imageUpdated brings it.
    const stop = client.subscribe(ImageUpdatedSubscription, { id: avatar.image.id }, {
      onData: ({ imageUpdated }) => {
        showPreview(imageUpdated);
        if (imageUpdated.status !== 'PENDING') stop();
      },
      onError: (err) => (previewNote.textContent = errorMessage(err)),
    });
  }

  create.addEventListener('click', async () => {
    create.disabled = true;
    // What the last avatar had belongs to it, not to the one being made.
    modelLink.hidden = true;
    preview.hidden = true;
    modelNote.textContent = 'after the avatar is ready';
    previewNote.textContent = 'an Avaturn scene render, after the avatar is ready';
    setPill(status, 'UPLOADING', 'busy');
    const bodyType = byId<HTMLSelectElement>('body-type').value as 'FEMALE' | 'MALE';
    try {
      const { createAvatar } = await client.upload(CreateAvatarMutation, {
        input: { frontal: photos.get('frontal')!, side1: photos.get('side1')!, side2: photos.get('side2')!, bodyType },
      });
      if (createAvatar.__typename !== 'CreateAvatarSuccess') {
        setPill(status, createAvatar.message, 'bad');
        create.disabled = false;
        return;
      }
      follow(createAvatar.avatar.id);
    } catch (err) {
      setPill(status, errorMessage(err), 'bad');
      create.disabled = false;
    }
  });

  let unfollow: (() => void) | undefined;
  function follow(id: string): void {
    // One avatar at a time: a new one (after a failure, or with other photos) replaces the last.
    unfollow?.();
    let ready = false;
    unfollow = client.subscribe(AvatarUpdatedSubscription, { id }, {
      onData: ({ avatarUpdated: avatar }) => {
        const failed = avatar.status === 'FAILED';
        const reason = failed && 'failureReason' in avatar && avatar.failureReason ? ` · ${avatar.failureReason}` : '';
        setPill(status, `${avatar.status}${reason}`, avatar.status === 'READY' ? 'ok' : failed ? 'bad' : 'busy');
        // Another set of photos can be tried at once.
        if (failed) create.disabled = false;
        if ('model' in avatar) showModel(avatar.model);
        if (avatar.status === 'READY' && !ready) {
          ready = true;
          whenReady(id).catch((err: unknown) => logLine(errorMessage(err), 'bad'));
        }
      },
      onError: (err) => setPill(status, errorMessage(err), 'bad'),
    });
  }
}
