/**
 * Controls of the sandbox itself, not part of Plivo's API: what happens on the phone side of a
 * call, for a person trying a workflow with only the sandbox (`npm run dev` prints them). They
 * live under `/_sandbox/`, take their arguments in the query string, need no credentials (the
 * sandbox listens on this machine only) and answer once Plivo's part is done, with the XML the
 * workflow answered. Tests call `receiveInboundCall` and `enterDigits` directly.
 *
 *   POST /_sandbox/inbound-call[?from=…&to=…&app_id=…|app_name=…]  a call comes in to a number
 *        pointing at the application (by default the one created last): Plivo fetches its answer URL
 *   POST /_sandbox/digits?digits=1[&call_uuid=…]        the caller of a call in progress (by default
 *        the newest) presses keys while its XML gathers them
 *   POST /_sandbox/speech?speech=sales[&call_uuid=…]    the caller says something while its XML
 *        listens for speech (GetInput with inputType speech)
 *   POST /_sandbox/record?seconds=5[&call_uuid=…]       the caller leaves a message of that many
 *        seconds while its XML runs a Record
 */
import { onlyKnownArgs, optionalString, queryArgs, requiredString } from '../arguments.mts';
import type { FakeServer } from '../core.mts';
import { ApiError, badRequest } from '../core.mts';
import type { CallFlow } from './callFlow.mts';
import type { PlivoState } from './index.mts';

export const CONTROL_PREFIX = '/_sandbox';

/** A number calling in and the number it calls, when the request names none. */
const CALLER = '14155550123';
const CALLED = '14155550100';

/** A refusal of the call flow (an Error) as a 400 with its sentence. */
async function asBadRequest<T>(work: () => T | Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (error) {
		if (error instanceof ApiError || !(error instanceof Error)) throw error;
		throw badRequest(error.message);
	}
}

export function registerControlRoutes(server: FakeServer<PlivoState>, callFlow: CallFlow): void {
	server.route('POST', `${CONTROL_PREFIX}/inbound-call`, async ({ query, state }) => {
		const args = queryArgs(query);
		onlyKnownArgs(args, ['from', 'to', 'app_id', 'app_name']);
		const appName = optionalString(args, 'app_name');
		const named =
			appName === undefined
				? undefined
				: [...state.applications.applications.values()].find(
						(application) => application.app_name === appName,
					);
		if (appName !== undefined && !named)
			throw badRequest(`The sandbox has no application named ${appName}`);
		const appId =
			optionalString(args, 'app_id') ??
			named?.app_id ??
			[...state.applications.applications.keys()].at(-1);
		if (appId === undefined) {
			throw badRequest(
				'The sandbox has no application yet: activate a workflow whose Plivo Voice Trigger creates one',
			);
		}
		const call = await asBadRequest(() =>
			callFlow.receiveInboundCall({
				from: optionalString(args, 'from') ?? CALLER,
				to: optionalString(args, 'to') ?? CALLED,
				appId,
			}),
		);
		await state.callbacks.idle();
		return {
			status: 200,
			body: {
				call_uuid: call.call_uuid,
				from: call.from,
				to: call.to,
				app_id: appId,
				xml_fetches: call.xmlFetches ?? [],
			},
		};
	});

	/** The call named by `call_uuid`, or the newest in progress (a parent's, not a Dial's leg). */
	function callOf(args: ReturnType<typeof queryArgs>, state: PlivoState) {
		const callUuid =
			optionalString(args, 'call_uuid') ??
			[...state.calls.calls.values()]
				.filter((call) => call.status === 'in-progress' && call.parent_call_uuid === null)
				.at(-1)?.call_uuid;
		const call = callUuid === undefined ? undefined : state.calls.calls.get(callUuid);
		if (!call)
			throw badRequest(
				callUuid === undefined ? 'No call is in progress' : `The sandbox has no call ${callUuid}`,
			);
		return call;
	}

	server.route('POST', `${CONTROL_PREFIX}/digits`, async ({ query, state }) => {
		const args = queryArgs(query);
		onlyKnownArgs(args, ['digits', 'call_uuid']);
		const digits = requiredString(args, 'digits');
		const call = callOf(args, state);
		const fetched = await asBadRequest(() => callFlow.enterDigits(call, digits));
		await state.callbacks.idle();
		return { status: 200, body: { call_uuid: call.call_uuid, digits, xml_fetch: fetched ?? null } };
	});

	server.route('POST', `${CONTROL_PREFIX}/speech`, async ({ query, state }) => {
		const args = queryArgs(query);
		onlyKnownArgs(args, ['speech', 'call_uuid']);
		const speech = requiredString(args, 'speech');
		const call = callOf(args, state);
		const fetched = await asBadRequest(() => callFlow.speak(call, speech));
		await state.callbacks.idle();
		return { status: 200, body: { call_uuid: call.call_uuid, speech, xml_fetch: fetched ?? null } };
	});

	server.route('POST', `${CONTROL_PREFIX}/record`, async ({ query, state }) => {
		const args = queryArgs(query);
		onlyKnownArgs(args, ['seconds', 'call_uuid']);
		const seconds = Number(requiredString(args, 'seconds'));
		const call = callOf(args, state);
		const fetched = await asBadRequest(() => callFlow.finishRecording(call, seconds));
		await state.callbacks.idle();
		return {
			status: 200,
			body: {
				call_uuid: call.call_uuid,
				seconds,
				recording:
					state.recordings.items.filter((record) => record.call_uuid === call.call_uuid).at(-1)
						?.recording_id ?? null,
				xml_fetch: fetched ?? null,
			},
		};
	});
}
