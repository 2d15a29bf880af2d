import type * as gen from '../api.gen';
import { call } from './core';
import type { Office } from './system';

// --- Setup and logins ---------------------------------------------------------

export type Role = gen.AppRole;
/** Every role, in the order the interface shows them. */
export const ROLES: readonly Role[] = ['clerk', 'officer', 'leader', 'admin', 'inspector'];

export type UserInfo = gen.UserInfo;

export type SetupStatus = gen.SetupStatus;

export interface OfficeRecord {
  code: string;
  name: string;
  /** "" for a root. */
  parent: string;
  /** Prefixes the dossier codes; Go defaults it to the code. */
  agencyId: string;
  /** The issuing body printed in bold on papers; "" = the name. */
  header?: string;
  phone?: string;
  /** YYYY-MM-DD the office ceased (e.g. a district on 2025-07-01); "" = still in being. */
  ended?: string;
  version?: number;
}

export interface SetupRequest {
  office: { code: string; name: string; parent: string; agencyId: string };
  admin: { username: string; fullName: string; password: string };
}

export type LoginReply = gen.LoginReply;

export function setupStatus(): Promise<SetupStatus> {
  return call('Setup.Status');
}

/** Creates the office and its administrator and logs the administrator in. */
export function setupOffice(req: SetupRequest): Promise<LoginReply> {
  return call('Setup.Office', req);
}

export function login(username: string, password: string): Promise<LoginReply> {
  return call('Auth.Login', { username, password });
}

export function logout(session: string): Promise<unknown> {
  return call('Auth.Logout', { session });
}

export function me(): Promise<UserInfo> {
  return call('Auth.Me');
}

// --- Offices and users --------------------------------------------------------

// Go encodes nil slices as [] (app/reply.go): a list field is always an
// array, so the wrappers below take it as it comes.

export async function listOffices(): Promise<OfficeRecord[]> {
  return (await call('Offices.List')).offices;
}

export function saveOffice(office: Omit<OfficeRecord, 'version'>): Promise<OfficeRecord> {
  return call('Offices.Save', office);
}

export interface SaveUserRequest {
  /** Absent when creating. */
  id?: string;
  username: string;
  fullName: string;
  office: string;
  roles: Role[];
  /** Required when creating; absent keeps the password. */
  password?: string;
}

export async function listUsers(office?: string): Promise<UserInfo[]> {
  return (await call('Users.List', office ? { office } : {})).users;
}

export function saveUser(req: SaveUserRequest): Promise<UserInfo> {
  return call('Users.Save', req);
}

export function unlockUser(id: string): Promise<UserInfo> {
  return call('Users.Unlock', { id });
}

export function disableUser(id: string, disabled: boolean): Promise<UserInfo> {
  return call('Users.Disable', { id, disabled });
}
