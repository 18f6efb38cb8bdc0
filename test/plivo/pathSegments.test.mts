/**
 * Every path parameter of every operation of the Plivo Voice and SignalWire nodes, read from the
 * nodes' own descriptions, with values meant to reach another endpoint (`.`, `..`, `%2e%2e`,
 * `a/b`, control characters, …), typed and from expressions, through n8n-core's RoutingNode
 * against the sandboxes: each is refused before sending, naming the field, or lands on exactly
 * the operation's own path with its method.
 */
import type {
	INodeParameterResourceLocator,
	INodeParameters,
	INodeProperties,
	INodePropertyOptions,
	INodeType,
	NodeApiError,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { PLIVO_VOICE_VERSIONS } from '../../nodes/PlivoVoice/versions.js';
import { SignalWire } from '../../signalwire/nodes/SignalWire/SignalWire.node.js';
import type { RecordedRequest } from '../sandbox/core.mts';
import { PlivoSandbox } from '../sandbox/plivo/index.mts';
import { SignalWireSandbox } from '../../signalwire/test/sandbox/index.mts';
import { locator, paired } from '../harness/common.mts';
import { plivoVoiceNode, runPlivoVoice } from '../harness/plivo.mts';
import { runSignalWire } from '../../signalwire/test/harness.mts';
import { useSandbox } from '../harness/useSandbox.mts';

interface PathParameter {
	name: string;
	displayName: string;
	/** The resource locator's modes, or none for a plain field. */
	modes: string[];
}

interface Operation {
	resource: string;
	operation: string;
	method: string;
	/** The routing's URL: the path with `{parameter}` for each segment. */
	template: string;
	pathParameters: PathParameter[];
	/** Required fields other than the path's. */
	otherRequired: string[];
}

function shownFor(property: INodeProperties, resource: string, operation: string): boolean {
	const show = property.displayOptions?.show;
	return Boolean(show?.resource?.includes(resource) && show?.operation?.includes(operation));
}

/** The operations of a node, as its description declares them. */
function operationsOf(node: INodeType): Operation[] {
	const { properties } = node.description;
	const resources = (
		properties.find((property) => property.name === 'resource')!.options as INodePropertyOptions[]
	).map((option) => String(option.value));
	return resources.flatMap((resource) => {
		const selector = properties.find(
			(property) =>
				property.name === 'operation' &&
				property.displayOptions?.show?.resource?.includes(resource),
		)!;
		return (selector.options as INodePropertyOptions[]).map((option) => {
			const operation = String(option.value);
			const request = option.routing!.request!;
			const template = String(request.url);
			const fields = properties.filter((property) => shownFor(property, resource, operation));
			const names = [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
			const pathParameters = names.map((name) => {
				const field = fields.find((property) => property.name === name);
				if (!field) throw new Error(`${resource}.${operation}: no field for {${name}}`);
				return {
					name,
					displayName: field.displayName,
					modes: (field.modes ?? []).map((mode) => mode.name),
				};
			});
			const otherRequired = fields
				.filter(
					(field) =>
						field.required &&
						!names.includes(field.name) &&
						Object.keys(field.displayOptions!.show!).length === 2,
				)
				.map((field) => field.name);
			return {
				resource,
				operation,
				method: String(request.method),
				template,
				pathParameters,
				otherRequired,
			};
		});
	});
}

const UUID = '8742d531-292a-46aa-8754-836be1092885';

/** A value of the documented form for each path parameter, by parameter name. */
const VALID_PATH_VALUES: Record<string, string> = {
	callUuid: UUID,
	streamCallUuid: UUID,
	requestUuid: UUID,
	streamId: UUID,
	recordingId: UUID,
	verificationUuid: UUID,
	conferenceName: 'Team Call',
	memberId: '1',
	mpc: UUID,
	endpointId: '12345678901234',
	phoneNumber: '+14155550100',
	conferenceSid: UUID,
	callSid: UUID,
};

/** The mode each resource locator is given when it is not the parameter under test. */
const VALID_MODES: Record<string, string> = { mpc: 'uuid' };

/** Values for the other required fields, by parameter name. */
const OTHER_REQUIRED_VALUES: INodeParameters = {
	serviceUrl: 'wss://example.com/stream',
	urls: 'https://example.com/a.mp3',
	url: 'https://example.com/a.mp3',
	digits: '123',
	rating: 5,
	text: 'Hello',
	otp: '1234',
	role: 'Agent',
	binaryPropertyName: 'data',
};

/** What an operation needs besides its required fields to be sent at all (something to update, a leg's URL). */
const OPERATION_EXTRAS: Record<string, INodeParameters> = {
	'call.transfer': { alegUrl: 'https://example.com/next.xml' },
	// Version 1's names, then version 2's: each version ignores the other's.
	'mpcParticipant.add': {
		from: '14155550100',
		to: '14155550101',
		participantFrom: '14155550100',
		participantTo: '14155550101',
	},
	'endpoint.update': { updateFields: { alias: 'desk' } },
	'verifiedCallerId.update': { updateFields: { alias: 'Office' } },
	'mpcParticipant.update': { updateFields: { mute: true } },
	'conference.update': { updateFields: { endConference: true } },
	'conferenceParticipant.update': { updateFields: { muted: true } },
};

/** A value as a field holds it: a plain string, or a resource locator in the given mode. */
function fieldValue(
	parameter: PathParameter,
	value: string,
	mode?: string,
): string | INodeParameterResourceLocator {
	if (parameter.modes.length === 0) return value;
	return locator(
		value,
		mode ??
			VALID_MODES[parameter.name] ??
			parameter.modes.find((name) => name !== 'list') ??
			'list',
	);
}

function validParameters(operation: Operation): INodeParameters {
	const parameters: INodeParameters = {
		resource: operation.resource,
		operation: operation.operation,
	};
	for (const parameter of operation.pathParameters) {
		const value = VALID_PATH_VALUES[parameter.name];
		if (value === undefined)
			throw new Error(`add a valid value for {${parameter.name}} to VALID_PATH_VALUES`);
		parameters[parameter.name] = fieldValue(parameter, value);
	}
	for (const name of operation.otherRequired) {
		if (!(name in OTHER_REQUIRED_VALUES))
			throw new Error(`add a value for ${name} to OTHER_REQUIRED_VALUES`);
		parameters[name] = OTHER_REQUIRED_VALUES[name];
	}
	return { ...parameters, ...OPERATION_EXTRAS[`${operation.resource}.${operation.operation}`] };
}

const HOSTILE_VALUES = [
	'.',
	'..',
	' .. ',
	' . ',
	'%2e%2e',
	'%2E%2E',
	'.%2e',
	'%2e',
	'%252e%252e',
	'a/b',
	'../x',
	'..%2f',
	'..%2F..',
	'/',
	'//',
	'a\\b',
	'..\\',
	'?x',
	'#x',
	'x?y=1',
	'\n',
	'\t',
	'\u0000',
	'a\u0000b',
	'a\nb',
	'a%0ab',
	'',
	'   ',
	'x'.repeat(5000),
	'ünïcödé 会议 🎧',
	'\ud800',
	'all',
	'ALL',
	'1,2',
	'1,,2',
	',',
	'%',
	'%zz',
	'name_..',
];

/** Each hostile value mapped with an expression (`={{ ".." }}`), as a workflow would from an earlier node. */
const EXPRESSIONS = HOSTILE_VALUES.map((value) => `={{ ${JSON.stringify(value)} }}`);

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The operation's path under any of the API's bases: each `{parameter}` exactly one non-empty segment. */
function pathPattern(bases: string[], template: string): RegExp {
	const path = template
		.split(/\{\w+\}/)
		.map(escapeRegExp)
		.join('([^/]+?)');
	return new RegExp(`^(?:${bases.map(escapeRegExp).join('|')})${path}$`);
}

function isDotSegment(segment: string): boolean {
	return /^(\.|%2e){1,2}$/i.test(segment);
}

interface Api {
	name: string;
	run: (parameters: INodeParameters, continueOnFail?: boolean) => Promise<unknown>;
	requests: () => RecordedRequest[];
	clear: () => void;
	bases: () => string[];
}

/** Runs the operation with one path parameter set to `input`; asserts it was refused or kept on its path. */
async function expectRefusedOrOnItsPath(
	api: Api,
	operation: Operation,
	parameter: PathParameter,
	input: string,
	mode?: string,
): Promise<'refused' | 'sent'> {
	api.clear();
	const parameters = {
		...validParameters(operation),
		[parameter.name]: fieldValue(parameter, input, mode),
	};
	let error: Error | undefined;
	try {
		await api.run(parameters);
	} catch (caught) {
		error = caught as Error;
	}
	const requests = api.requests();
	const what = `${operation.resource}.${operation.operation} ${parameter.name}${mode ? ` (${mode})` : ''} = ${JSON.stringify(input).slice(0, 80)}`;
	if (requests.length === 0) {
		expect(error, what).toBeDefined();
		expect(error!.cause, what).toBeInstanceOf(NodeOperationError);
		expect(error!.message, what).toContain(`‘${parameter.displayName}’`);
		expect((error as NodeApiError).description, what).toBe(
			`This item was not sent to ${api.name}.`,
		);
		return 'refused';
	}
	const pattern = pathPattern(api.bases(), operation.template);
	for (const request of requests) {
		expect(request.method, what).toBe(operation.method);
		const match = pattern.exec(request.path);
		expect(match, `${what}: ${request.path} is not ${operation.template}`).not.toBeNull();
		for (const segment of match!.slice(1)) expect(isDotSegment(segment), what).toBe(false);
		if (parameter.name === 'mpc') {
			const segment = match![operation.pathParameters.indexOf(parameter) + 1];
			expect(segment.startsWith(mode === 'name' ? 'name_' : 'uuid_'), what).toBe(true);
		}
	}
	return 'sent';
}

function describeApi(label: string, node: INodeType, api: () => Api) {
	const operations = operationsOf(node);
	const withPath = operations.filter((operation) => operation.pathParameters.length > 0);

	describe(`${label}: path parameters`, () => {
		it('builds no path with an expression: values enter paths only through the segment builder', () => {
			expect(withPath.length).toBeGreaterThan(0);
			for (const operation of operations)
				expect(operation.template).not.toMatch(/\{\{|\$parameter/);
		});

		it.each(
			withPath.map(
				(operation) => [`${operation.resource}.${operation.operation}`, operation] as const,
			),
		)('%s: sent on its own path with valid values', async (_name, operation) => {
			const target = api();
			target.clear();
			await target.run(validParameters(operation)).catch(() => undefined);
			expect(target.requests()).toHaveLength(1);
			expect(target.requests()[0].method).toBe(operation.method);
			expect(target.requests()[0].path).toMatch(pathPattern(target.bases(), operation.template));
		});

		// Every mode of a resource locator takes the typed values; expressions resolve the same way in
		// every mode, so they are run in the first one.
		const cases = withPath.flatMap((operation) =>
			operation.pathParameters.flatMap((parameter) =>
				(parameter.modes.length > 0 ? parameter.modes : [undefined]).map(
					(mode, index) =>
						[
							`${operation.resource}.${operation.operation} {${parameter.name}}${mode ? ` ${mode}` : ''}`,
							operation,
							parameter,
							mode,
							index === 0 ? [...HOSTILE_VALUES, ...EXPRESSIONS] : HOSTILE_VALUES,
						] as const,
				),
			),
		);

		it.each(cases)(
			'%s: hostile values are refused or stay on the path',
			async (_name, operation, parameter, mode, inputs) => {
				const outcomes = { refused: 0, sent: 0 };
				for (const input of inputs)
					outcomes[await expectRefusedOrOnItsPath(api(), operation, parameter, input, mode)]++;
				// The dot segments and empty values, at least, never leave the node.
				expect(outcomes.refused).toBeGreaterThanOrEqual(12);
			},
		);
	});
}

let plivo: PlivoSandbox;
useSandbox(PlivoSandbox.start, (started) => (plivo = started));
let signalWire: SignalWireSandbox;
useSandbox(SignalWireSandbox.start, (started) => (signalWire = started));

// Each version: Audio Stream's and MPC Participant's path segments come from differently named fields.
for (const version of PLIVO_VOICE_VERSIONS) {
	describeApi(`Plivo Voice ${version}`, plivoVoiceNode(version), () => ({
		name: 'Plivo',
		run: async (parameters) => await runPlivoVoice(plivo, parameters, { version }),
		requests: () => plivo.requests,
		clear: () => plivo.server.clearRequests(),
		bases: () => [
			`/v1/Account/${plivo.account.authId}`,
			`/v2/Account/${plivo.account.authId}`,
			'/v1',
		],
	}));
}

describeApi('SignalWire', new SignalWire(), () => ({
	name: 'SignalWire',
	run: async (parameters) => await runSignalWire(signalWire, parameters),
	requests: () => signalWire.requests,
	clear: () => signalWire.server.clearRequests(),
	bases: () => [`/api/laml/2010-04-01/Accounts/${signalWire.project.projectId}`],
}));

describe('Path parameters: the operations counted', () => {
	it('covers all 73 Plivo Voice operations of the spec, and Recording › Download', () => {
		for (const version of PLIVO_VOICE_VERSIONS) {
			expect(operationsOf(plivoVoiceNode(version))).toHaveLength(74);
		}
	});
});

describe('Path parameters with Continue On Fail', () => {
	it('gives one error item paired with its input and sends only the good ones', async () => {
		plivo.server.clearRequests();
		const output = await runPlivoVoice(
			plivo,
			{
				resource: 'conference',
				operation: 'hangup',
				conferenceName: locator('={{ $json.room }}', 'id'),
			},
			{
				items: [{ json: { room: ' .. ' } }, { json: { room: 'Team Call' } }],
				continueOnFail: true,
			},
		);
		expect(output.map((item) => item.pairedItem)).toEqual([paired(0), paired(1)]);
		expect(output[0].json.error).toMatch(/‘\.\.’ in the ‘Conference’ field is not an ID or name/);
		expect(plivo.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			`DELETE /v1/Account/${plivo.account.authId}/Conference/Team%20Call/`,
		]);
	});
});
