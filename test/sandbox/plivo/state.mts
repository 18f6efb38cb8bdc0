import { randomUUID } from 'node:crypto';

import type { Reply } from '../core.mts';
import { SandboxClock } from '../core.mts';

export interface PlivoAccount {
	authId: string;
	authToken: string;
	name: string;
}

/** `2022-10-12 21:57:47+00:00`: how Plivo writes times in CDRs and resources. */
export function plivoTime(date: Date | undefined): string | null {
	if (!date) return null;
	return `${date.toISOString().slice(0, 19).replace('T', ' ')}+00:00`;
}

/** `2021-03-23 14:49:39.722551`: how Plivo writes a live call's session start (UTC, microseconds). */
export function sessionTime(date: Date): string {
	return `${date.toISOString().slice(0, 23).replace('T', ' ')}000`;
}

export function newUuid(): string {
	return randomUUID();
}

/** A successful answer: Plivo puts a fresh `api_id` in every body. */
export function apiReply(status: number, body: Record<string, unknown> = {}): Reply {
	return { status, body: { api_id: newUuid(), ...body } };
}

/** Sandbox-wide settings and the clock; each resource keeps its own store next to it. */
export class PlivoCore extends SandboxClock {
	/**
	 * Where recordings' audio is served: Plivo's media host, or the sandbox's own media server
	 * once it listens (see media.mts).
	 */
	mediaBaseUrl = 'https://media.plivo.com';

	constructor(
		/** The main account; requests must authenticate as it. */
		readonly account: PlivoAccount,
	) {
		super();
	}

	accountPath(path = ''): string {
		return `/v1/Account/${this.account.authId}${path}`;
	}
}
