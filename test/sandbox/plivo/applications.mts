/**
 * The Application resource, from Plivo's Application API reference (create, retrieve, modify,
 * delete, list): an application holds the answer, hangup, fallback and message URLs that
 * numbers and SIP endpoints pointed at it use. The seeds do not cover it; only the documented
 * arguments and shapes are accepted.
 */
import type { FakeServer, Handler, Reply } from '../core.mts';
import type { Args } from './arguments.mts';
import {
	badRequest,
	boolean,
	httpMethod,
	notFound,
	onlyKnown,
	optionalString,
	queryArgs,
	requiredString,
	requiredUrl,
	url,
} from './arguments.mts';
import { paginate } from './pagination.mts';
import type { PlivoState } from './index.mts';
import type { PlivoCore } from './state.mts';
import { apiReply, newUuid } from './state.mts';

export interface ApplicationRecord {
	app_id: string;
	app_name: string;
	answer_url: string;
	answer_method: 'GET' | 'POST';
	hangup_url: string;
	hangup_method: 'GET' | 'POST';
	fallback_answer_url: string;
	fallback_method: 'GET' | 'POST';
	message_url: string;
	message_method: 'GET' | 'POST';
	default_app: boolean;
	default_endpoint_app: boolean;
	sub_account: string | null;
	log_incoming_messages: boolean;
}

/** Arguments of "Modify an application"; creating also takes app_name. */
const UPDATE_ARGS = [
	'answer_url',
	'answer_method',
	'hangup_url',
	'hangup_method',
	'fallback_answer_url',
	'fallback_method',
	'message_url',
	'message_method',
	'default_number_app',
	'default_endpoint_app',
	'subaccount',
	'log_incoming_messages',
];

/** "Allowed values: letters, numbers, and only two special characters: - and _". */
const APP_NAME = /^[A-Za-z0-9_-]+$/;

/**
 * A failure of the Application API for tests of registration: a 500 answer or a connection
 * reset, either instead of handling the request (`before`) or after handling it, so that the
 * change was made and its answer lost (`after`).
 */
export interface ApplicationFault {
	kind: 500 | 'reset';
	when: 'before' | 'after';
	/** Only requests with this method (any when absent). */
	method?: 'GET' | 'POST' | 'DELETE';
	/** Only creates (POST to the collection), lists (GET on it), or requests on one application. */
	target?: 'create' | 'list' | 'application';
	/** How many matching requests it hits. */
	times: number;
	/** How many matching requests it lets through first. */
	skip?: number;
}

export class ApplicationStore {
	readonly applications = new Map<string, ApplicationRecord>();
	readonly faults: ApplicationFault[] = [];
	private nextId = 20372631212782780n;

	constructor(private readonly core: PlivoCore) {}

	reset(): void {
		this.applications.clear();
		this.faults.length = 0;
	}

	/** Fails the next `times` matching Application requests (see ApplicationFault). */
	failNext(
		times: number,
		kind: ApplicationFault['kind'],
		options: Partial<Pick<ApplicationFault, 'when' | 'method' | 'target' | 'skip'>> = {},
	): void {
		this.faults.push({ kind, when: 'before', times, ...options });
	}

	/** Creates the next application as asked, then loses the answer (500 or a reset). */
	loseNextCreateAnswer(kind: ApplicationFault['kind'] = 500): void {
		this.failNext(1, kind, { when: 'after', method: 'POST', target: 'create' });
	}

	takeFault(
		method: string,
		target: NonNullable<ApplicationFault['target']>,
	): ApplicationFault | undefined {
		const fault = this.faults.find(
			(candidate) =>
				(!candidate.method || candidate.method === method) &&
				(!candidate.target || candidate.target === target),
		);
		if (!fault) return undefined;
		if (fault.skip) {
			fault.skip--;
			return undefined;
		}
		if (--fault.times <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
		return fault;
	}

	/** An application as if made in the console (tests that attach to an existing one). */
	add(
		fields: Partial<ApplicationRecord> & { app_name: string; answer_url: string },
	): ApplicationRecord {
		const application: ApplicationRecord = {
			app_id: String(this.nextId++),
			answer_method: 'POST',
			hangup_url: fields.answer_url,
			hangup_method: 'POST',
			fallback_answer_url: '',
			fallback_method: 'POST',
			message_url: '',
			message_method: 'POST',
			default_app: false,
			default_endpoint_app: false,
			sub_account: null,
			log_incoming_messages: true,
			...fields,
		};
		this.applications.set(application.app_id, application);
		return application;
	}

	get(appId: string): ApplicationRecord {
		const application = this.applications.get(appId);
		if (!application) throw notFound('application not found');
		return application;
	}

	/** The Application object of the reference. */
	toResource(application: ApplicationRecord): Record<string, unknown> {
		return {
			answer_method: application.answer_method,
			answer_url: application.answer_url,
			app_id: application.app_id,
			app_name: application.app_name,
			default_app: application.default_app,
			default_endpoint_app: application.default_endpoint_app,
			enabled: true,
			fallback_answer_url: application.fallback_answer_url,
			fallback_method: application.fallback_method,
			hangup_method: application.hangup_method,
			hangup_url: application.hangup_url,
			log_incoming_messages: application.log_incoming_messages,
			message_method: application.message_method,
			message_url: application.message_url,
			public_uri: false,
			resource_uri: this.core.accountPath(`/Application/${application.app_id}/`),
			sip_uri: `sip:${application.app_id}@app.plivo.com`,
			sub_account: application.sub_account,
		};
	}
}

/**
 * Checks the arguments both create and modify take and returns the fields they set. On modify an
 * empty string clears an optional URL, as the Application object shows unset URLs as "".
 */
function applicationFields(
	body: Args,
	{ clearable }: { clearable: boolean },
): Partial<ApplicationRecord> {
	const fields: Partial<ApplicationRecord> = {};
	for (const name of ['answer_url', 'hangup_url', 'fallback_answer_url', 'message_url'] as const) {
		if (body[name] === undefined) continue;
		if (clearable && name !== 'answer_url' && body[name] === '') fields[name] = '';
		else fields[name] = url(body, name)!;
	}
	for (const name of [
		'answer_method',
		'hangup_method',
		'fallback_method',
		'message_method',
	] as const) {
		if (body[name] !== undefined) fields[name] = httpMethod(body, name);
	}
	const defaultApp = boolean(body, 'default_number_app');
	if (defaultApp !== undefined) fields.default_app = defaultApp;
	const defaultEndpointApp = boolean(body, 'default_endpoint_app');
	if (defaultEndpointApp !== undefined) fields.default_endpoint_app = defaultEndpointApp;
	const logMessages = boolean(body, 'log_incoming_messages');
	if (logMessages !== undefined) fields.log_incoming_messages = logMessages;
	const subaccount = optionalString(body, 'subaccount');
	// The sandbox has no subaccounts: naming one can only be a mistake.
	if (subaccount !== undefined) throw badRequest(`subaccount ${subaccount} not found`);
	return fields;
}

function faultReply(fault: ApplicationFault): Reply {
	if (fault.kind === 'reset') return { status: 0, resetConnection: true };
	return apiReply(500, { error: 'internal server error' });
}

/** A route handler that the store's injected faults can hit, before or after it runs. */
function withFaults(
	target: NonNullable<ApplicationFault['target']>,
	handler: Handler<PlivoState>,
): Handler<PlivoState> {
	return async (context) => {
		const fault = context.state.applications.takeFault(context.request.method, target);
		if (fault?.when === 'before') return faultReply(fault);
		const reply = await handler(context);
		return fault ? faultReply(fault) : reply;
	};
}

export function registerApplicationRoutes(server: FakeServer<PlivoState>): void {
	const base = '/v1/Account/:authId/Application';

	server.route(
		'POST',
		`${base}/`,
		withFaults('create', ({ body, state }) => {
			onlyKnown(body, ['app_name', ...UPDATE_ARGS]);
			const appName = requiredString(body, 'app_name');
			if (!APP_NAME.test(appName))
				throw badRequest('app_name may contain only letters, numbers, hyphens and underscores');
			const answerUrl = requiredUrl(body, 'answer_url');
			const application = state.applications.add({
				app_name: appName,
				answer_url: answerUrl,
				...applicationFields(body, { clearable: false }),
			});
			return apiReply(201, { app_id: application.app_id, message: 'created' });
		}),
	);

	server.route(
		'GET',
		`${base}/`,
		withFaults('list', ({ query, state }) => {
			const args = queryArgs(query);
			onlyKnown(args, ['subaccount', 'limit', 'offset']);
			if (args.subaccount !== undefined)
				throw badRequest(`subaccount ${String(args.subaccount)} not found`);
			const objects = [...state.applications.applications.values()].map((application) =>
				state.applications.toResource(application),
			);
			const page = paginate(objects, args, {
				apiId: newUuid(),
				path: state.core.accountPath('/Application/'),
			});
			return { status: 200, body: page };
		}),
	);

	server.route(
		'GET',
		`${base}/:appId/`,
		withFaults('application', ({ params, query, state }) => {
			onlyKnown(queryArgs(query), []);
			return apiReply(200, state.applications.toResource(state.applications.get(params.appId)));
		}),
	);

	server.route(
		'POST',
		`${base}/:appId/`,
		withFaults('application', ({ params, body, state }) => {
			onlyKnown(body, UPDATE_ARGS);
			const application = state.applications.get(params.appId);
			if (body.answer_url === '') throw badRequest('answer_url cannot be empty');
			Object.assign(application, applicationFields(body, { clearable: true }));
			return apiReply(202, { message: 'changed' });
		}),
	);

	server.route(
		'DELETE',
		`${base}/:appId/`,
		withFaults('application', ({ params, query, state }) => {
			const args = queryArgs(query);
			onlyKnown(args, ['cascade', 'new_endpoint_application']);
			const cascade = boolean(args, 'cascade', true)!;
			const target = optionalString(args, 'new_endpoint_application');
			if (target !== undefined) state.applications.get(target);
			state.applications.get(params.appId);
			state.applications.applications.delete(params.appId);
			// Plivo: with cascade (the default) the application's SIP endpoints are deleted with it;
			// without, they move to new_endpoint_application, or are left with no application.
			for (const endpoint of [...state.endpoints.items.values()]) {
				if (endpoint.app_id !== params.appId) continue;
				if (cascade) state.endpoints.items.delete(endpoint.endpoint_id);
				else endpoint.app_id = target ?? null;
			}
			return { status: 204 };
		}),
	);
}
