/**
 * Registration with a Plivo Application when the workflow is activated (n8n calls checkExists,
 * then create when it answered false; delete on deactivation). Phone numbers and SIP endpoints
 * point at an application, whose answer, hangup and fallback URLs Plivo calls.
 *
 * The rules, so that registration never loses a URL:
 * - What the trigger must undo is kept in the workflow's static data until it has been undone:
 *   a deactivation that cannot reach Plivo fails (n8n shows the error) and keeps it, and the
 *   next activation or deactivation finishes the job.
 * - An attached application gets back only the fields that still hold what the trigger set:
 *   a URL someone changed in the Plivo console meanwhile is theirs and stays. An application the
 *   trigger created is deleted only while it still sends calls to the trigger.
 * - An application that already sends its calls to another Plivo Voice Trigger is not attached
 *   to (see `otherTriggerUrl`): otherwise the second trigger would keep the first one's URL as
 *   "previous" and put that dead URL back, and the owner's URLs would be lost.
 * - Requests go through the account's scheduler under the retry policy of every request to the
 *   account (see `sendPaced`): requests that cannot act twice (GET, DELETE, a modify that sets
 *   the same values) are retried on 5xx and network errors, with backoff; any request is retried
 *   on 429 (refused, so nothing was done), after Retry-After when Plivo gives it, and the 429 holds
 *   back the account's other requests too. Creating is not retried otherwise: a create whose
 *   answer was lost may have created the application, so the trigger looks for it by name
 *   (and its URL) before creating, and after a create that failed that way.
 * - n8n runs these methods once per HTTP method of the webhook (POST and GET here), on 2.x at
 *   the same time on deactivation: both calls read the same static data. Each workflow's node
 *   runs them one after the other within the process (`oneAtATime`), and each is idempotent: the
 *   second checkExists finds the work of the first create, the second delete finds nothing left.
 */
import type {
	IDataObject,
	IHookFunctions,
	IHttpRequestMethods,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { asNodeError } from '../../lib/kit/errors';
import { sendPaced } from '../../lib/kit/transport';
import { accountBaseUrl } from '../../lib/plivo/hosts';
import { buildPathSegment, OPAQUE_ID_FORM } from '../../lib/kit/pathSegments';
import { plivoScheduler } from '../../lib/plivo/rateLimit';
import { PLIVO_PAGE_SIZE } from '../../lib/plivo/transport';
import { isTestRun, publicWebhookUrl, WEBHOOK_PATH, withQueryParameter } from './callback';
import { ANY_EVENT, EVENT_QUERY_PARAMETER } from './events';
import { plivoApiError } from '../../lib/plivo/errors';

export type Registration = 'create' | 'existing' | 'none';

type UrlField = 'answer_url' | 'hangup_url' | 'fallback_answer_url';
type MethodField = 'answer_method' | 'hangup_method' | 'fallback_method';

/** Each URL field the trigger sets, with the method field that goes with it. */
const URL_FIELDS: Array<[UrlField, MethodField]> = [
	['answer_url', 'answer_method'],
	['hangup_url', 'hangup_method'],
	['fallback_answer_url', 'fallback_method'],
];

/** The fields of an application the trigger sets, under Plivo's names. */
type ApplicationUrls = Partial<Record<UrlField | MethodField, string>>;

/** Kept in the workflow's static data between activation and deactivation. */
interface RegistrationState extends IDataObject {
	appId: string;
	/** Whether the trigger created the application (and deletes it), or attached to one. */
	created: boolean;
	/** The fields as the trigger set them: what "still points at this trigger" is checked against. */
	urls?: ApplicationUrls;
	/** An attached application's fields before activation, restored on deactivation. */
	previousUrls?: ApplicationUrls;
}

const APP_NAME = /^[A-Za-z0-9_-]+$/;

/** At most this many pages of PLIVO_PAGE_SIZE are read when looking for an application by name. */
const MAX_LIST_PAGES = 50;

/** n8n webhook IDs are UUIDs: `…/<uuid>/webhook` is the shape of every Plivo Voice Trigger URL. */
const TRIGGER_URL_PATH = new RegExp(
	`/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/${WEBHOOK_PATH}$`,
	'i',
);

/**
 * URLs registered by the triggers of this n8n process, with the webhook ID of the trigger that
 * registered each: how a trigger behind a proxy (whose URL has any shape) is recognised.
 */
const registeredUrls = new Map<string, string>();

/** Registration work in flight, per workflow and node. */
const inFlight = new Map<string, Promise<unknown>>();

function stateOf(context: IHookFunctions): IDataObject & { registration?: RegistrationState } {
	return context.getWorkflowStaticData('node') as IDataObject & {
		registration?: RegistrationState;
	};
}

/**
 * Runs one registration method after any other still running for the same workflow's node, so
 * that the calls n8n makes at once for the POST and GET webhooks do not both act on the same
 * static data.
 */
async function oneAtATime<T>(context: IHookFunctions, work: () => Promise<T>): Promise<T> {
	const key = `${context.getWorkflow().id ?? ''}\u0000${context.getNode().id}`;
	const before = inFlight.get(key) ?? Promise.resolve();
	const run = before.then(work, work);
	const settled = run.then(
		() => undefined,
		() => undefined,
	);
	inFlight.set(key, settled);
	try {
		return await run;
	} finally {
		if (inFlight.get(key) === settled) inFlight.delete(key);
	}
}

/**
 * The path of the account's Application resource, or of one application: its ID goes through the
 * one path-segment builder, so an ID that is not one segment is refused.
 */
function applicationPath(context: IHookFunctions, appId?: string): string {
	if (appId === undefined) return '/Application/';
	const built = buildPathSegment(
		appId,
		{ displayName: 'Application', operationName: 'Plivo Voice Trigger' },
		OPAQUE_ID_FORM,
	);
	if (built.problem !== undefined) throw new NodeOperationError(context.getNode(), built.problem);
	return `/Application/${built.segment}/`;
}

function errorMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/**
 * A request on the account's Application resource; Plivo's own answer, error statuses included.
 * Paced and retried as every request to the account (see `sendPaced`); `repeatable` says whether
 * it may be sent again after a 5xx or a network error. When no try got an answer, the error says
 * how many were made.
 */
async function applicationRequest(
	context: IHookFunctions,
	method: IHttpRequestMethods,
	path: string,
	options: { body?: IDataObject; qs?: IDataObject; repeatable: boolean },
): Promise<IN8nHttpFullResponse> {
	const credentials = await context.getCredentials('plivoVoiceApi');
	const { repeatable, ...request } = options;
	let attempts = 0;
	try {
		return await sendPaced(
			plivoScheduler(credentials),
			async () => {
				attempts++;
				return (await context.helpers.httpRequestWithAuthentication.call(context, 'plivoVoiceApi', {
					method,
					url: `${accountBaseUrl(credentials)}${path}`,
					headers: { Accept: 'application/json' },
					json: true,
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
					// Plivo does not redirect its API: a redirect would take the credential elsewhere.
					disableFollowRedirect: true,
					...request,
				})) as IN8nHttpFullResponse;
			},
			{ repeatable },
		);
	} catch (failure) {
		throw new NodeOperationError(
			context.getNode(),
			`Plivo could not be reached: ${errorMessage(failure)}`,
			{
				description: `${method} ${applicationPath(context)}… failed ${attempts === 1 ? 'once' : `${attempts} times`}.`,
			},
		);
	}
}

/** Plivo's answer, or its error; a redirect (not followed) is an error too, never an application. */
function ensureSuccess(context: IHookFunctions, response: IN8nHttpFullResponse): IDataObject {
	if (response.statusCode >= 300) throw plivoApiError(context, response);
	return (response.body ?? {}) as IDataObject;
}

/** The application, or nothing when Plivo does not know it (any more). */
async function getApplication(
	context: IHookFunctions,
	appId: string,
): Promise<IDataObject | undefined> {
	const response = await applicationRequest(context, 'GET', applicationPath(context, appId), {
		repeatable: true,
	});
	if (response.statusCode === 404) return undefined;
	return ensureSuccess(context, response);
}

/** Sets fields of an application (the same values each time: safe to repeat); false when it is gone. */
async function updateApplication(
	context: IHookFunctions,
	appId: string,
	urls: ApplicationUrls,
): Promise<boolean> {
	const response = await applicationRequest(context, 'POST', applicationPath(context, appId), {
		body: urls,
		repeatable: true,
	});
	if (response.statusCode === 404) return false;
	ensureSuccess(context, response);
	return true;
}

/**
 * The application this trigger created earlier under `appName`, found by its name and its
 * answer URL (which holds this node's webhook ID): a create whose answer was lost.
 */
async function findCreatedApplication(
	context: IHookFunctions,
	appName: string,
	answerUrl: string | undefined,
): Promise<IDataObject | undefined> {
	for (let page = 0; page < MAX_LIST_PAGES; page++) {
		const response = await applicationRequest(context, 'GET', applicationPath(context), {
			qs: { limit: PLIVO_PAGE_SIZE, offset: page * PLIVO_PAGE_SIZE },
			repeatable: true,
		});
		const body = ensureSuccess(context, response) as {
			objects?: IDataObject[];
			meta?: { next?: string | null };
		};
		const found = (body.objects ?? []).find(
			(application) => application.app_name === appName && application.answer_url === answerUrl,
		);
		if (found) return found;
		if (!body.meta?.next) return undefined;
	}
	return undefined;
}

/** The URLs the application must have for this trigger. */
function wantedUrls(context: IHookFunctions): ApplicationUrls {
	const options = context.getNodeParameter('options', {}) as { publicUrl?: string };
	// The hook context gives the test URL on a test run, the production URL otherwise.
	const url = publicWebhookUrl(
		context.getNodeWebhookUrl('default') ?? '',
		options.publicUrl,
		context.getNode(),
		isTestRun(context),
	);
	const events = context.getNodeParameter('events', []) as string[];
	const urls: ApplicationUrls = {
		answer_url: url,
		answer_method: 'POST',
		hangup_url: url,
		hangup_method: 'POST',
	};
	// The fallback URL is only taken over when the workflow handles it: an attached application's
	// own fallback stays in place otherwise.
	if (events.includes('fallback') || events.includes(ANY_EVENT)) {
		urls.fallback_answer_url = withQueryParameter(url, EVENT_QUERY_PARAMETER, 'fallback');
		urls.fallback_method = 'POST';
	}
	return urls;
}

function registration(context: IHookFunctions): Registration {
	return context.getNodeParameter('registration', 'none') as Registration;
}

function selectedAppId(context: IHookFunctions): string {
	const appId = String(
		context.getNodeParameter('application', '', { extractValue: true }) ?? '',
	).trim();
	if (!appId)
		throw new NodeOperationError(
			context.getNode(),
			'Choose the Plivo application to attach to, in ‘Application’.',
		);
	return appId;
}

function hasUrls(application: IDataObject, urls: ApplicationUrls): boolean {
	return Object.entries(urls).every(([field, value]) => application[field] === value);
}

/** A URL without query and fragment (the fallback URL carries ?plivoEvent=fallback). */
function withoutQuery(url: string): string {
	return url.split(/[?#]/)[0];
}

function remember(context: IHookFunctions, urls: ApplicationUrls): void {
	for (const [field] of URL_FIELDS) {
		const url = urls[field];
		if (url) registeredUrls.set(withoutQuery(url), context.getNode().webhookId ?? '');
	}
}

function forget(urls: ApplicationUrls | undefined): void {
	for (const [field] of URL_FIELDS) {
		const url = urls?.[field];
		if (url) registeredUrls.delete(withoutQuery(url));
	}
}

/**
 * A URL of the application that belongs to another Plivo Voice Trigger, if any.
 *
 * The rule: a field the trigger would set belongs to another trigger when its current value is
 * neither this trigger's URL (in production or test, same webhook ID), nor the value this
 * trigger would restore (its owner's, kept from an earlier activation), and it is a trigger's
 * URL: one registered by a trigger of this n8n process (whatever its shape, a proxy's URL
 * included), or of the shape every trigger URL n8n gives has, `…/<webhook ID>/webhook`, with
 * another webhook ID. A URL of any other shape is taken as the owner's own.
 */
function otherTriggerUrl(
	context: IHookFunctions,
	application: IDataObject,
	urls: ApplicationUrls,
	previousUrls: ApplicationUrls | undefined,
): string | undefined {
	const ownId = context.getNode().webhookId ?? '';
	const ours = new Set(
		Object.values(urls)
			.filter((value): value is string => typeof value === 'string')
			.map(withoutQuery),
	);
	for (const [field] of URL_FIELDS) {
		const current = application[field];
		if (typeof current !== 'string' || current === '' || current === previousUrls?.[field])
			continue;
		const url = withoutQuery(current);
		if (ours.has(url)) continue;
		const owner = registeredUrls.get(url) ?? TRIGGER_URL_PATH.exec(url)?.[1];
		if (owner !== undefined && owner.toLowerCase() !== ownId.toLowerCase()) return current;
	}
	return undefined;
}

/** Whether the application still sends some call to this trigger (any field as the trigger set it). */
function pointsAtTrigger(application: IDataObject, urls: ApplicationUrls): boolean {
	return URL_FIELDS.some(
		([field]) => urls[field] !== undefined && application[field] === urls[field],
	);
}

/** Whether the application this trigger registered exists and points at it. */
export async function registrationExists(this: IHookFunctions): Promise<boolean> {
	return await oneAtATime(this, async () => {
		const mode = registration(this);
		if (mode === 'none') return true;
		const state = stateOf(this).registration;
		if (!state || state.created !== (mode === 'create')) return false;
		if (mode === 'existing' && state.appId !== selectedAppId(this)) return false;
		const application = await getApplication(this, state.appId);
		const urls = wantedUrls(this);
		const exists = application !== undefined && hasUrls(application, urls);
		// After a restart n8n only checks: the trigger's URLs are known again from here on.
		if (exists) remember(this, urls);
		return exists;
	});
}

/**
 * Deletes the application the trigger created, or gives an attached one the fields back that
 * still hold what the trigger set. Throws when Plivo cannot be reached: the caller keeps the
 * state, so that the next activation or deactivation tries again.
 */
async function release(context: IHookFunctions, state: RegistrationState): Promise<void> {
	const urls = state.urls ?? wantedUrls(context);
	const application = await getApplication(context, state.appId);
	if (application === undefined) {
		forget(urls);
		return;
	}
	if (state.created) {
		if (pointsAtTrigger(application, urls)) {
			// cascade=false: SIP endpoints the user attached to the application are kept (Plivo's
			// default, true, would delete them with it).
			const response = await applicationRequest(
				context,
				'DELETE',
				applicationPath(context, state.appId),
				{
					qs: { cascade: 'false' },
					repeatable: true,
				},
			);
			if (response.statusCode !== 404) ensureSuccess(context, response);
		}
		// Otherwise someone pointed it elsewhere in the console: it is theirs now, and kept.
	} else if (state.previousUrls) {
		const restore: ApplicationUrls = {};
		for (const [urlField, methodField] of URL_FIELDS) {
			if (state.previousUrls[urlField] === undefined || application[urlField] !== urls[urlField])
				continue;
			restore[urlField] = state.previousUrls[urlField];
			if (state.previousUrls[methodField] !== undefined)
				restore[methodField] = state.previousUrls[methodField];
		}
		if (Object.keys(restore).length > 0) await updateApplication(context, state.appId, restore);
	}
	forget(urls);
}

/** Undoes an earlier registration, saying what was kept for later when Plivo cannot be reached. */
async function releaseOrExplain(context: IHookFunctions, state: RegistrationState): Promise<void> {
	try {
		await release(context, state);
	} catch (error) {
		const what = state.created
			? 'delete the Plivo application it created'
			: 'give the Plivo application its previous URLs back';
		throw new NodeOperationError(
			context.getNode(),
			`The trigger could not ${what} (ID ${state.appId}): ${errorMessage(error)}`,
			{
				description:
					'Nothing was lost: the trigger keeps what it has to undo and does it on the next activation or deactivation of this workflow.',
			},
		);
	}
}

async function registerCreated(
	context: IHookFunctions,
	staticData: IDataObject & { registration?: RegistrationState },
	urls: ApplicationUrls,
): Promise<void> {
	const appName = String(context.getNodeParameter('applicationName', '')).trim();
	if (!APP_NAME.test(appName)) {
		throw new NodeOperationError(
			context.getNode(),
			`‘${appName}’ cannot be the ‘Application Name’: Plivo accepts only letters, digits, hyphens (-) and underscores (_).`,
			{ description: 'Nothing was sent to Plivo.' },
		);
	}
	const state = staticData.registration;
	// Our application exists but its URLs changed (n8n's URL moved, or someone edited it).
	if (state?.created && (await updateApplication(context, state.appId, urls))) {
		staticData.registration = { ...state, urls };
		remember(context, urls);
		return;
	}
	if (state && !state.created) await releaseOrExplain(context, state);
	delete staticData.registration;

	const adopt = async (application: IDataObject) => {
		const appId = String(application.app_id);
		if (!hasUrls(application, urls)) await updateApplication(context, appId, urls);
		staticData.registration = { appId, created: true, urls };
		remember(context, urls);
	};
	const earlier = await findCreatedApplication(context, appName, urls.answer_url);
	if (earlier) return await adopt(earlier);

	let response: IN8nHttpFullResponse;
	try {
		response = await applicationRequest(context, 'POST', applicationPath(context), {
			body: { app_name: appName, ...urls },
			repeatable: false,
		});
	} catch (error) {
		// The request may have reached Plivo: what it did is looked up, never done twice.
		const created = await findCreatedApplication(context, appName, urls.answer_url);
		if (created) return await adopt(created);
		throw asNodeError(context.getNode(), error);
	}
	if (response.statusCode >= 500) {
		const created = await findCreatedApplication(context, appName, urls.answer_url);
		if (created) return await adopt(created);
	}
	const created = ensureSuccess(context, response);
	staticData.registration = { appId: String(created.app_id), created: true, urls };
	remember(context, urls);
}

async function registerAttached(
	context: IHookFunctions,
	staticData: IDataObject & { registration?: RegistrationState },
	urls: ApplicationUrls,
): Promise<void> {
	const appId = selectedAppId(context);
	let state = staticData.registration;
	if (state && (state.created || state.appId !== appId)) {
		await releaseOrExplain(context, state);
		delete staticData.registration;
		state = undefined;
	}
	const application = await getApplication(context, appId);
	if (!application) {
		throw new NodeOperationError(
			context.getNode(),
			`Plivo has no application with the ID ‘${appId}’. Choose another one in ‘Application’.`,
		);
	}
	const taken = otherTriggerUrl(context, application, urls, state?.previousUrls);
	if (taken) {
		throw new NodeOperationError(
			context.getNode(),
			`The Plivo application ‘${String(application.app_name ?? appId)}’ (ID ${appId}) already sends its calls to another Plivo Voice Trigger`,
			{
				description: `Its URL is ${taken}. Deactivate the workflow of that trigger first (it gives the application its URLs back), choose another application, or let this trigger create its own. Nothing was changed.`,
			},
		);
	}
	// Only the fields the trigger sets are kept, and restored, so that later edits to the others
	// survive. Re-registering keeps the values from before the first activation, not our own.
	const previousUrls: ApplicationUrls = {
		...Object.fromEntries(
			Object.keys(urls).map((field) => [field, String(application[field] ?? '')]),
		),
		...state?.previousUrls,
	};
	// Kept before the change: if the change fails, nothing points at the trigger and nothing is
	// restored; if it succeeds, the previous URLs are safe.
	staticData.registration = { appId, created: false, urls, previousUrls };
	await updateApplication(context, appId, urls);
	remember(context, urls);
}

export async function register(this: IHookFunctions): Promise<boolean> {
	return await oneAtATime(this, async () => {
		const mode = registration(this);
		if (mode === 'none') return true;
		const staticData = stateOf(this);
		const urls = wantedUrls(this);
		if (mode === 'create') await registerCreated(this, staticData, urls);
		else await registerAttached(this, staticData, urls);
		return true;
	});
}

export async function unregister(this: IHookFunctions): Promise<boolean> {
	return await oneAtATime(this, async () => {
		const staticData = stateOf(this);
		const state = staticData.registration;
		if (!state) return true;
		await releaseOrExplain(this, state);
		delete staticData.registration;
		return true;
	});
}
