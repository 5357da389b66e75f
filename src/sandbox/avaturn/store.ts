import type { Customization } from './customization.js';
import { notFound } from './errors.js';
import { newToken, newUserId, newUuid } from './ids.js';

export type AvatarStatus = 'pending' | 'processing' | 'ready' | 'failed';
export type SessionType = 'create' | 'edit_existing' | 'create_or_edit_existing';

export interface UserRecord {
  id: string;
  createdAt: number;
  avatarIds: Set<string>;
}

export interface AvatarRecord {
  id: string;
  userId: string;
  status: AvatarStatus;
  createdAt: number;
  uploadToken: string;
  uploadExpiresAt: number;
  /** True while an upload streams in, so a concurrent second upload is a 409. */
  uploading: boolean;
  bodyType?: 'male' | 'female';
  telephoto?: boolean;
  /** Null until the first PUT: exports and renders need one (sandbox rule). */
  customization: Customization | null;
  customizationVersion: number;
  /** Export tasks per customization version; a finished one keeps its GLB. */
  exports: Map<number, { status: 'pending' } | { status: 'ready'; glb: Buffer }>;
}

export interface SessionRecord {
  id: string;
  userId: string;
  type: SessionType;
  avatarId: string | undefined;
  expiresAt: number;
}

/** A downloadable result behind an unguessable, expiring URL. */
export interface ResultFile {
  avatarId: string;
  fileName: string;
  contentType: string;
  bytes: Buffer;
  expiresAt: number;
}

/** In-memory state of the simulated Avaturn project. */
export class AvaturnStore {
  readonly users = new Map<string, UserRecord>();
  readonly avatars = new Map<string, AvatarRecord>();
  readonly sessions = new Map<string, SessionRecord>();
  private readonly files = new Map<string, ResultFile>();

  constructor(private readonly now: () => number) {}

  createUser(): UserRecord {
    const user: UserRecord = { id: newUserId(), createdAt: this.now(), avatarIds: new Set() };
    this.users.set(user.id, user);
    return user;
  }

  user(id: string): UserRecord {
    const user = this.users.get(id);
    if (!user) throw notFound('user');
    return user;
  }

  /** Removes the user, its avatars, sessions and result files; returns the removed avatar ids. */
  deleteUser(id: string): string[] {
    const user = this.user(id);
    const avatarIds = [...user.avatarIds];
    for (const avatarId of avatarIds) this.deleteAvatar(avatarId);
    for (const [sid, session] of this.sessions) if (session.userId === id) this.sessions.delete(sid);
    this.users.delete(id);
    return avatarIds;
  }

  createAvatar(userId: string, uploadTtlMs: number): AvatarRecord {
    const user = this.user(userId);
    const now = this.now();
    const avatar: AvatarRecord = {
      id: newUuid(),
      userId,
      status: 'pending',
      createdAt: now,
      uploadToken: newToken(),
      uploadExpiresAt: now + uploadTtlMs,
      uploading: false,
      customization: null,
      customizationVersion: 0,
      exports: new Map(),
    };
    this.avatars.set(avatar.id, avatar);
    user.avatarIds.add(avatar.id);
    return avatar;
  }

  /** An avatar by id; with `userId`, one of that user's avatars only. */
  avatar(id: string, userId?: string): AvatarRecord {
    const avatar = this.avatars.get(id.toLowerCase());
    if (!avatar || (userId !== undefined && avatar.userId !== userId)) throw notFound('avatar');
    return avatar;
  }

  deleteAvatar(id: string): void {
    const avatar = this.avatars.get(id);
    if (!avatar) return;
    this.avatars.delete(id);
    this.users.get(avatar.userId)?.avatarIds.delete(id);
    for (const [token, file] of this.files) if (file.avatarId === id) this.files.delete(token);
  }

  listAvatars(userId: string): AvatarRecord[] {
    return [...this.user(userId).avatarIds]
      .map((id) => this.avatars.get(id))
      .filter((a): a is AvatarRecord => a !== undefined)
      .sort((a, b) => a.createdAt - b.createdAt);
  }

  issueFile(file: Omit<ResultFile, 'expiresAt'>, ttlMs: number): string {
    const token = newToken();
    this.files.set(token, { ...file, expiresAt: this.now() + ttlMs });
    return token;
  }

  /** A result file, or undefined once it expired (expired entries are dropped on access). */
  file(token: string): ResultFile | undefined {
    const file = this.files.get(token);
    if (file && file.expiresAt <= this.now()) {
      this.files.delete(token);
      return undefined;
    }
    return file;
  }

  /** Drops expired files and sessions; called from a periodic sweep. */
  sweep(): void {
    const now = this.now();
    for (const [token, file] of this.files) if (file.expiresAt <= now) this.files.delete(token);
    for (const [id, session] of this.sessions) if (session.expiresAt <= now) this.sessions.delete(id);
  }
}
