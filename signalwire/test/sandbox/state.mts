import { randomUUID } from 'node:crypto';

import { SandboxClock } from '../../../test/sandbox/core.mts';

export interface SignalWireProject {
	/** The Project ID: the user name of HTTP Basic, and the AccountSid in every path. */
	projectId: string;
	/** The API token: the password of HTTP Basic. */
	apiToken: string;
}

/** The path of the compatibility API's account, under which every resource lives. */
export const API_ROOT = '/api/laml/2010-04-01/Accounts';

/** `Mon, 24 Sep 2018 21:00:00 +0000`: the RFC 2822 dates of the reference. */
export function rfc2822(date: Date): string {
	return date.toUTCString().replace(/ GMT$/, ' +0000');
}

/** `2018-09-24`: the day of a date, in UTC, as the date filters compare it. */
export function utcDay(date: Date): string {
	return date.toISOString().slice(0, 10);
}

/** Sids are UUIDs on SignalWire (the reference's `uuid` type). */
export function newSid(): string {
	return randomUUID();
}

/** Sandbox-wide settings and the clock; each resource keeps its own store next to it. */
export class SignalWireCore extends SandboxClock {
	constructor(readonly project: SignalWireProject) {
		super();
	}

	/** `/api/laml/2010-04-01/Accounts/{ProjectID}/Conferences.json` for `/Conferences.json`. */
	accountPath(path = ''): string {
		return `${API_ROOT}/${this.project.projectId}${path}`;
	}
}
