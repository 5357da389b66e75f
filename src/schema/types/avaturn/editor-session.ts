import { createEditorSession, type EditorSession } from '../../../avaturn/editor-session.js';
import { builder } from '../../builder.js';
import { parseGlobalId } from '../../global-ids.js';
import { AvaturnAvatarRef } from './avaturn-avatar.js';
import { AVATURN_MUTATION_ERRORS } from './errors.js';

const EditorSessionKindEnum = builder.enumType('EditorSessionKind', {
  values: {
    CREATE: { description: 'Make a new avatar in the editor.' },
    EDIT_EXISTING: { description: 'Edit the avatar given as avatarId.' },
    CREATE_OR_EDIT_EXISTING: { description: 'Let the user choose; avatarId, when given, is preselected.' },
  } as const,
});

const CreateEditorSessionSuccess = builder.objectRef<EditorSession>('CreateEditorSessionSuccess').implement({
  description: 'Open url in an iframe or webview; it is short-lived and good for one use.',
  fields: (t) => ({
    url: t.field({ type: 'URL', resolve: (s) => s.url }),
    kind: t.field({ type: EditorSessionKindEnum, resolve: (s) => s.kind }),
    avatar: t.field({ type: AvaturnAvatarRef, nullable: true, resolve: (s) => s.avatar }),
  }),
});

const CreateEditorSessionInput = builder.inputType('CreateEditorSessionInput', {
  fields: (t) => ({
    kind: t.field({ type: EditorSessionKindEnum, required: true, defaultValue: 'CREATE_OR_EDIT_EXISTING' }),
    avatarId: t.id({ required: false, description: 'An AvaturnAvatar id (required with EDIT_EXISTING).' }),
  }),
});

builder.mutationField('createEditorSession', (t) =>
  t.field({
    type: CreateEditorSessionSuccess,
    authScopes: { user: true },
    description: "A session of Avaturn's avatar editor for the viewer.",
    args: { input: t.arg({ type: CreateEditorSessionInput, required: true }) },
    errors: { types: AVATURN_MUTATION_ERRORS, union: { name: 'CreateEditorSessionResult' }, directResult: true },
    resolve: async (_root, { input }, ctx) => {
      const ownerId = ctx.viewer!.userId;
      const avatar =
        input.avatarId === null || input.avatarId === undefined
          ? undefined
          : await ctx.services.avatars.getOwned(parseGlobalId(String(input.avatarId), ['AvaturnAvatar'], 'input.avatarId'), ownerId, 'AVATURN');
      return createEditorSession(ctx.services, ownerId, input.kind, avatar);
    },
  }),
);
