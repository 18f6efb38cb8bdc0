/**
 * Registration with a Plivo Application when the workflow is activated (n8n calls checkExists,
 * then create when it answered false; delete on deactivation). Phone numbers and SIP endpoints
 * point at an application, whose answer, hangup and fallback URLs Plivo calls.
 *
 * n8n runs these methods once per HTTP method of the webhook (POST and GET here), so each one
 * is idempotent: the second checkExists finds the work of the first create, the second delete
 * finds nothing left to undo (n8n 2.x runs the deletes concurrently: see unregister).
 */
import type { IDataObject, IHookFunctions, IHttpRequestMethods, IN8nHttpFullResponse } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { plivoApiError } from '../PlivoVoice/shared/errors';
import { accountBaseUrl } from '../PlivoVoice/shared/hosts';
import { withQueryParameter, withServedEndpoint } from './callback';
import { ANY_EVENT, EVENT_QUERY_PARAMETER } from './events';

export type Registration = 'create' | 'existing' | 'none';

/** The fields of an application the trigger sets, under Plivo's names. */
type ApplicationUrls = Partial<
	Record<'answer_url' | 'answer_method' | 'hangup_url' | 'hangup_method' | 'fallback_answer_url' | 'fallback_method', string>
>;

/** Kept in the workflow's static data between activation and deactivation. */
interface RegistrationState extends IDataObject {
	appId: string;
	/** Whether the trigger created the application (and deletes it), or attached to one. */
	created: boolean;
	/** An attached application's URLs before activation, restored on deactivation. */
	previousUrls?: ApplicationUrls;
}

const APP_NAME = /^[A-Za-z0-9_-]+$/;

function stateOf(context: IHookFunctions): IDataObject & { registration?: RegistrationState } {
	return context.getWorkflowStaticData('node') as IDataObject & { registration?: RegistrationState };
}

/** A request on the account's Application resource; Plivo's own answer, error statuses included. */
async function applicationRequest(
	context: IHookFunctions,
	method: IHttpRequestMethods,
	path: string,
	options: { body?: IDataObject; qs?: IDataObject } = {},
): Promise<IN8nHttpFullResponse> {
	const credentials = await context.getCredentials('plivoVoiceApi');
	return (await context.helpers.httpRequestWithAuthentication.call(context, 'plivoVoiceApi', {
		method,
		url: `${accountBaseUrl(credentials)}/Application/${path}`,
		headers: { Accept: 'application/json' },
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		...options,
	})) as IN8nHttpFullResponse;
}

function ensureSuccess(context: IHookFunctions, response: IN8nHttpFullResponse): IDataObject {
	if (response.statusCode >= 400) throw plivoApiError(context, response);
	return (response.body ?? {}) as IDataObject;
}

/** The application, or nothing when Plivo does not know it (any more). */
async function getApplication(context: IHookFunctions, appId: string): Promise<IDataObject | undefined> {
	const response = await applicationRequest(context, 'GET', `${encodeURIComponent(appId)}/`);
	if (response.statusCode === 404) return undefined;
	return ensureSuccess(context, response);
}

async function updateApplication(context: IHookFunctions, appId: string, urls: ApplicationUrls): Promise<boolean> {
	const response = await applicationRequest(context, 'POST', `${encodeURIComponent(appId)}/`, { body: urls });
	if (response.statusCode === 404) return false;
	ensureSuccess(context, response);
	return true;
}

/**
 * The URL Plivo must call: the "Public Webhook URL" option when set (with n8n's test or
 * production endpoint, as n8n currently registers it), otherwise n8n's own webhook URL, which
 * the hook context already gives for the test or production webhook.
 */
export function publicWebhookUrl(n8nWebhookUrl: string, override: string | undefined): string {
	if (!override?.trim()) return n8nWebhookUrl;
	const servedPath = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*([^?#]*)/.exec(n8nWebhookUrl)?.[1] ?? '';
	return withServedEndpoint(override.trim(), servedPath);
}

/** The URLs the application must have for this trigger. */
function wantedUrls(context: IHookFunctions): ApplicationUrls {
	const options = context.getNodeParameter('options', {}) as { publicUrl?: string };
	const url = publicWebhookUrl(context.getNodeWebhookUrl('default') ?? '', options.publicUrl);
	const events = context.getNodeParameter('events', []) as string[];
	const urls: ApplicationUrls = { answer_url: url, answer_method: 'POST', hangup_url: url, hangup_method: 'POST' };
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
	const appId = String(context.getNodeParameter('application', '', { extractValue: true }) ?? '').trim();
	if (!appId) throw new NodeOperationError(context.getNode(), 'Choose the Plivo application to attach to, in ‘Application’.');
	return appId;
}

function hasUrls(application: IDataObject, urls: ApplicationUrls): boolean {
	return Object.entries(urls).every(([field, value]) => application[field] === value);
}

/** Whether the application this trigger registered exists and points at it. */
export async function registrationExists(this: IHookFunctions): Promise<boolean> {
	const mode = registration(this);
	if (mode === 'none') return true;
	const state = stateOf(this).registration;
	if (!state || state.created !== (mode === 'create')) return false;
	if (mode === 'existing' && state.appId !== selectedAppId(this)) return false;
	const application = await getApplication(this, state.appId);
	return application !== undefined && hasUrls(application, wantedUrls(this));
}

/** Deletes the application the trigger created, or gives an attached one its URLs back. */
async function release(context: IHookFunctions, state: RegistrationState): Promise<void> {
	if (state.created) {
		// cascade=false: SIP endpoints the user attached to the application are kept (Plivo's
		// default, true, would delete them with it).
		const response = await applicationRequest(context, 'DELETE', `${encodeURIComponent(state.appId)}/`, {
			qs: { cascade: 'false' },
		});
		if (response.statusCode !== 404) ensureSuccess(context, response);
	} else if (state.previousUrls) {
		await updateApplication(context, state.appId, state.previousUrls);
	}
}

export async function register(this: IHookFunctions): Promise<boolean> {
	const mode = registration(this);
	if (mode === 'none') return true;
	const staticData = stateOf(this);
	const urls = wantedUrls(this);
	let state = staticData.registration;

	if (mode === 'create') {
		const appName = String(this.getNodeParameter('applicationName', '')).trim();
		if (!APP_NAME.test(appName)) {
			throw new NodeOperationError(
				this.getNode(),
				`‘${appName}’ cannot be the ‘Application Name’: Plivo accepts only letters, digits, hyphens (-) and underscores (_).`,
				{ description: 'Nothing was sent to Plivo.' },
			);
		}
		// Our application exists but its URLs changed (n8n's URL moved, or someone edited it).
		if (state?.created && (await updateApplication(this, state.appId, urls))) return true;
		if (state && !state.created) await release(this, state);
		delete staticData.registration;
		const created = ensureSuccess(this, await applicationRequest(this, 'POST', '', { body: { app_name: appName, ...urls } }));
		staticData.registration = { appId: String(created.app_id), created: true };
		return true;
	}

	const appId = selectedAppId(this);
	if (state && (state.created || state.appId !== appId)) {
		await release(this, state);
		delete staticData.registration;
		state = undefined;
	}
	const application = await getApplication(this, appId);
	if (!application) {
		throw new NodeOperationError(this.getNode(), `Plivo has no application with the ID ‘${appId}’. Choose another one in ‘Application’.`);
	}
	// Only the fields the trigger sets are kept, and restored, so that later edits to the others
	// survive. Re-registering keeps the values from before the first activation, not our own.
	const previousUrls: ApplicationUrls = {
		...Object.fromEntries(Object.keys(urls).map((field) => [field, String(application[field] ?? '')])),
		...state?.previousUrls,
	};
	staticData.registration = { appId, created: false, previousUrls };
	await updateApplication(this, appId, urls);
	return true;
}

export async function unregister(this: IHookFunctions): Promise<boolean> {
	const staticData = stateOf(this);
	const state = staticData.registration;
	if (!state) return true;
	// n8n 2.x runs the delete of each webhook (POST and GET) at the same time: the first call
	// claims the registration before its request, so that the other finds nothing to undo. A
	// failed release gives it back, for n8n's retry.
	delete staticData.registration;
	try {
		await release(this, state);
	} catch (error) {
		staticData.registration ??= state;
		throw error;
	}
	return true;
}
