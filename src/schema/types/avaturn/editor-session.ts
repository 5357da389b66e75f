import { createEditorSession, type EditorSession } from '../../../avaturn/editor-session.js';
import { ConflictError } from '../../../errors/app-error.js';
import { builder } from '../../builder.js';
import { AvaturnAvatarRef } from '../avatar-refs.js';

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
    avatarId: t.globalID({ required: false, for: AvaturnAvatarRef, description: 'An AvaturnAvatar id (required with EDIT_EXISTING).' }),
  }),
});

builder.mutationField('createEditorSession', (t) =>
  t.withAuth({ user: true }).field({
    type: CreateEditorSessionSuccess,
    description: "A session of Avaturn's avatar editor for the viewer.",
    args: { input: t.arg({ type: CreateEditorSessionInput, required: true }) },
    errors: { types: [ConflictError], union: { name: 'CreateEditorSessionResult' }, directResult: true },
    resolve: (_root, { input }, ctx) => createEditorSession(ctx.services, ctx.viewer.userId, input.kind, input.avatarId?.id),
  }),
);
