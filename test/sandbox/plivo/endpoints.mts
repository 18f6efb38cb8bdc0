/**
 * The Endpoint resource, from the reference's "Endpoint" section: SIP endpoints with generated
 * IDs, usernames that get a 12-digit suffix, a SIP URI on phone.plivo.com and an MD5 hash of the
 * password in place of the password.
 */
import { createHash, randomInt } from 'node:crypto';

import type { FakeServer } from '../core.mts';
import {
	badRequest,
	notFound,
	onlyKnown,
	optionalString,
	queryArgs,
	requiredString,
} from './arguments.mts';
import type { PlivoState } from './index.mts';
import { paginate } from './pagination.mts';
import type { PlivoCore } from './state.mts';
import { apiReply, newUuid } from './state.mts';

export interface EndpointRecord {
	endpoint_id: string;
	/** With Plivo's 12-digit suffix. */
	username: string;
	alias: string;
	password_md5: string;
	app_id: string | null;
	/** Set while a SIP client is registered (`register()`), as in the reference's examples. */
	registration?: { contact: string; expires: Date; userAgent: string };
}

function md5(text: string): string {
	return createHash('md5').update(text).digest('hex');
}

/**
 * The suffix is the creation time, `yyMMddHHmmss` in UTC: the reference's examples read that way
 * (`zumba131031145958`, `callme140703093944`).
 */
function suffixAt(date: Date): string {
	return date.toISOString().replace(/\D/g, '').slice(2, 14);
}

/** `2022-07-21 19:26:08`: how the reference writes `sip_expires` (UTC). */
function sipTime(date: Date): string {
	return date.toISOString().slice(0, 19).replace('T', ' ');
}

/** "Only alphanumeric characters are accepted, and the username must start with an alphabetic character." */
const USERNAME = /^[A-Za-z][A-Za-z0-9]*$/;
/** Alias: letters, digits, "-" and "_". */
const ALIAS = /^[A-Za-z0-9_-]+$/;
/** "It should be at least five characters long." */
const MIN_PASSWORD_LENGTH = 5;

export class EndpointStore {
	readonly items = new Map<string, EndpointRecord>();

	constructor(private readonly core: PlivoCore) {}

	reset(): void {
		this.items.clear();
	}

	create(args: {
		username: string;
		password: string;
		alias: string;
		app_id?: string;
	}): EndpointRecord {
		let endpointId: string;
		do
			endpointId =
				String(randomInt(10_000_000, 100_000_000)) + String(randomInt(100_000, 1_000_000));
		while (this.items.has(endpointId));
		// Two endpoints created with one name in the same second would collide: the next second is taken.
		let at = this.core.now();
		const taken = new Set([...this.items.values()].map((endpoint) => endpoint.username));
		while (taken.has(`${args.username}${suffixAt(at)}`)) at = new Date(at.getTime() + 1000);
		const endpoint: EndpointRecord = {
			endpoint_id: endpointId,
			username: `${args.username}${suffixAt(at)}`,
			alias: args.alias,
			password_md5: md5(args.password),
			app_id: args.app_id ?? null,
		};
		this.items.set(endpointId, endpoint);
		return endpoint;
	}

	find(endpointId: string): EndpointRecord {
		const endpoint = this.items.get(endpointId);
		if (!endpoint) throw notFound('endpoint not found');
		return endpoint;
	}

	/** A SIP client signs in with the endpoint (tests of `sip_registered` and its details). */
	register(endpointId: string, client: { ip?: string; userAgent?: string } = {}): void {
		const endpoint = this.find(endpointId);
		endpoint.registration = {
			contact: `sip:${endpoint.username}@${client.ip ?? '198.51.100.7'}:5060;ob`,
			expires: new Date(this.core.now().getTime() + 3_600_000),
			userAgent: client.userAgent ?? 'Sandbox SIP Phone 1.0',
		};
	}

	/**
	 * The Endpoint object. "Retrieve" includes the password's MD5 hash; the list's entries, as
	 * the reference shows them, do not. `sip_contact`, `sip_expires` and `sip_user_agent` appear
	 * only while a client is registered.
	 */
	toResource(
		endpoint: EndpointRecord,
		{ withPassword }: { withPassword: boolean },
	): Record<string, unknown> {
		const { registration } = endpoint;
		return {
			alias: endpoint.alias,
			// The reference shows no endpoint without an application; null is assumed then.
			application: endpoint.app_id
				? this.core.accountPath(`/Application/${endpoint.app_id}/`)
				: null,
			endpoint_id: endpoint.endpoint_id,
			...(withPassword ? { password: endpoint.password_md5 } : {}),
			resource_uri: this.core.accountPath(`/Endpoint/${endpoint.endpoint_id}/`),
			...(registration
				? {
						sip_contact: registration.contact,
						sip_expires: sipTime(registration.expires),
						sip_user_agent: registration.userAgent,
					}
				: {}),
			sip_registered: registration ? 'true' : 'false',
			sip_uri: `sip:${endpoint.username}@phone.plivo.com`,
			sub_account: null,
			username: endpoint.username,
		};
	}
}

function checkedPassword(value: string | undefined): string | undefined {
	if (value !== undefined && value.length < MIN_PASSWORD_LENGTH) {
		throw badRequest(`password must be at least ${MIN_PASSWORD_LENGTH} characters long`);
	}
	return value;
}

function checkedAlias(value: string | undefined): string | undefined {
	if (value !== undefined && !ALIAS.test(value)) {
		throw badRequest('alias may contain only letters, digits, hyphens and underscores');
	}
	return value;
}

export function registerEndpointRoutes(server: FakeServer<PlivoState>): void {
	const base = '/v1/Account/:authId/Endpoint/';

	server.route('POST', base, ({ body, state }) => {
		onlyKnown(body, ['username', 'password', 'alias', 'app_id']);
		const username = requiredString(body, 'username');
		if (!USERNAME.test(username))
			throw badRequest('username must be letters and digits, starting with a letter');
		const endpoint = state.endpoints.create({
			username,
			password: checkedPassword(requiredString(body, 'password'))!,
			alias: checkedAlias(requiredString(body, 'alias'))!,
			app_id: optionalString(body, 'app_id'),
		});
		return apiReply(201, {
			username: endpoint.username,
			alias: endpoint.alias,
			message: 'created',
			endpoint_id: endpoint.endpoint_id,
		});
	});

	server.route('GET', base, ({ query, state }) => {
		const args = queryArgs(query);
		onlyKnown(args, ['limit', 'offset']);
		const list = [...state.endpoints.items.values()].map((endpoint) =>
			state.endpoints.toResource(endpoint, { withPassword: false }),
		);
		return {
			status: 200,
			body: paginate(list, args, { apiId: newUuid(), path: state.core.accountPath('/Endpoint/') }),
		};
	});

	const one = `${base}:endpointId/`;

	server.route('GET', one, ({ params, query, state }) => {
		onlyKnown(queryArgs(query), []);
		return apiReply(
			200,
			state.endpoints.toResource(state.endpoints.find(params.endpointId), { withPassword: true }),
		);
	});

	server.route('POST', one, ({ params, body, state }) => {
		onlyKnown(body, ['password', 'alias', 'app_id']);
		const endpoint = state.endpoints.find(params.endpointId);
		const newPassword = checkedPassword(optionalString(body, 'password'));
		const newAlias = checkedAlias(optionalString(body, 'alias'));
		const appId = optionalString(body, 'app_id');
		if (newPassword !== undefined) endpoint.password_md5 = md5(newPassword);
		if (newAlias !== undefined) endpoint.alias = newAlias;
		if (appId !== undefined) endpoint.app_id = appId;
		return apiReply(202, { message: 'changed' });
	});

	server.route('DELETE', one, ({ params, query, state }) => {
		onlyKnown(queryArgs(query), []);
		state.endpoints.find(params.endpointId);
		state.endpoints.items.delete(params.endpointId);
		return { status: 204 };
	});
}
