import type {
	INodeTypeDescription,
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
	INodePropertyRouting,
	PostReceiveAction,
	PreSendAction,
} from 'n8n-workflow';
import { NodeConnectionTypes, updateDisplayOptions } from 'n8n-workflow';

import { credentialsOfRun } from './credentials';
import type { RunnerApi, pagedListRunner } from './transport';
import { preparedNearItsTurn } from './transport';
import type { OperationPath } from './pathSegments';
import { pathTemplate, resolvePath } from './pathSegments';
import type { RequestCheck } from './validation';
import { requireField, validateFor, whileShown } from './validation';

/**
 * An optional field the user added but left empty arrives as `''` (a multi-select as `[]`); the
 * API would take it as a value (and often refuse it). No argument of either API is an empty list.
 * Required fields are checked separately, by their n8n parameter.
 */
async function dropEmptyValues(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	for (const container of [requestOptions.body, requestOptions.qs]) {
		if (!container || typeof container !== 'object' || Array.isArray(container)) continue;
		for (const [key, value] of Object.entries(container as IDataObject)) {
			const empty =
				value === '' ||
				value === undefined ||
				value === null ||
				(Array.isArray(value) && value.length === 0);
			if (empty) delete (container as IDataObject)[key];
		}
	}
	return requestOptions;
}

/** APIs answer 204 with no body to many "stop", "delete" and "hang up" requests. */
function isEmptyBody(body: unknown): boolean {
	return (
		body === undefined ||
		body === null ||
		body === '' ||
		(typeof body === 'object' && Object.keys(body).length === 0)
	);
}

/** One item with the API's answer; `{ success: true }` when it answered with no content. */
export async function responseAsItem(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	if (isEmptyBody(response.body)) return [{ json: { success: true } }];
	return [{ json: response.body as IDataObject }];
}

/** An output step written as a function (n8n's `PostReceiveAction` also allows declarative ones). */
export type PostReceiveFunction = (
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
) => Promise<INodeExecutionData[]>;

/** One item per entry of a paged list (`objects`). */
export function itemsFrom(property: string): PostReceiveFunction {
	return async function (this: IExecuteSingleFunctions, _items, response) {
		const list = (response.body as IDataObject | undefined)?.[property];
		return Array.isArray(list) ? list.map((entry) => ({ json: entry as IDataObject })) : [];
	};
}

/**
 * One item per entry of a bare list of ids (`calls: [uuid, …]`, `conferences: [name, …]`), so
 * that each id can feed the next node: `{ [key]: id }`.
 */
export function itemsFromIds(property: string, key: string): PostReceiveAction {
	return async function (this: IExecuteSingleFunctions, _items, response) {
		const list = (response.body as IDataObject | undefined)?.[property];
		return Array.isArray(list) ? list.map((id) => ({ json: { [key]: id } as IDataObject })) : [];
	};
}

/**
 * Where an operation's requests go: the base URL as the node declares it, which names no account
 * (what n8n shows, and checks a credential's allowed domains against), and the one computed from
 * the credential, which the request is sent to (see `useHost`).
 */
export interface OperationHost {
	baseUrl: string;
	fromCredentials(credentials: ICredentialDataDecryptedObject): string;
}

export interface OperationRequest {
	method: IHttpRequestMethods;
	/**
	 * Relative to the node's base URL (its requestDefaults) unless `host` is set: a fixed path
	 * (`/Call/`), or the path tagged with its segments, path`/Call/${CALL_UUID}/`, which every value
	 * enters through the checked segment builder.
	 */
	url: string | OperationPath;
	/** Another base than the API's own (`ApiRouting.host`): the v2 account base, the stats host. */
	host?: OperationHost;
	/** Fixed query arguments, e.g. `{ status: 'live' }`. */
	qs?: IDataObject;
	/** Fixed body arguments, e.g. `{ status: 'active' }`; the fields' values are added to them. */
	body?: IDataObject;
	/** Checks run before sending, besides the automatic "required field is not empty" checks. */
	checks?: RequestCheck[];
	/** Shapes the API's answer into items; by default the answer is one item. */
	output?: PostReceiveAction[];
	/** The API pages the list: fetch pages according to Return All / Limit (`ApiRouting.runPagedList`). */
	paged?: boolean;
	/** preSend hooks that normalise the request; they run before the checks. */
	preSend?: PreSendAction[];
}

/**
 * Sets the request's base URL from the credential, read once per run of the node.
 *
 * Not an expression in the routing: n8n evaluates a routing expression for every item, twice in
 * n8n 2.x (RoutingNode.runNode, then resolveBaseUrl), at a fixed cost per evaluation much larger
 * than building the URL; and n8n 1.x evaluates an operation's own routing without `$credentials`.
 */
export function useHost(host: OperationHost, credentialType: string): PreSendAction {
	return async function setBaseUrlFromCredential(
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		requestOptions.baseURL = host.fromCredentials(await credentialsOfRun(this, credentialType));
		return requestOptions;
	};
}

/**
 * What an API brings to the routing all its operations share; each API's plumbing defines its
 * own and passes it to `defineOperation`.
 */
export interface ApiRouting {
	/** The API's runner settings; its `credentialType` is also what bases are computed from. */
	api: RunnerApi;
	/**
	 * Where operations send their requests unless they have a host of their own; without it, the
	 * node's requestDefaults say.
	 */
	host?: OperationHost;
	/**
	 * First step of every operation's output: requests are sent with `ignoreHttpStatusErrors`, so
	 * that the API's error body reaches this step intact and becomes the error.
	 */
	throwOnError: PostReceiveAction;
	/** The runner for the lists the API pages (`paged: true`), from `pagedListRunner`. */
	runPagedList: ReturnType<typeof pagedListRunner>;
	/** Last output step of a paged list: notes what the page says of the list, for `runPagedList`. */
	notePage?: PostReceiveAction;
}

/** Routing of one operation, with what every operation of the API shares. */
export function operationRouting(
	request: OperationRequest,
	requiredChecks: RequestCheck[] = [],
	apiRouting: ApiRouting,
	operationName = 'This operation',
): INodePropertyRouting {
	const {
		method,
		url,
		host,
		qs,
		body,
		checks = [],
		output = [responseAsItem],
		paged = false,
		preSend = [],
	} = request;
	if (typeof url === 'string' && url.includes('{{')) {
		throw new Error(
			`${operationName}: a path with values is declared with path\`…\`, so that they go through the segment builder (${url})`,
		);
	}
	const validate = validateFor(apiRouting.api.name);
	const sentTo = host ?? apiRouting.host;
	return {
		// Until the path is built, the URL is its template (`/Call/{callUuid}/`): no expression
		// builds a path, so n8n 1.x, which evaluates it without `$credentials`, gets it the same.
		request: {
			method,
			url: typeof url === 'string' ? url : pathTemplate(url),
			...(host ? { baseURL: host.baseUrl } : {}),
			...(qs ? { qs } : {}),
			...(body ? { body } : {}),
		},
		send: {
			// `paginate` is what makes RoutingNode hand the request to our runner
			// (requestOperations.pagination), which applies retries, pairing and error items.
			paginate: true,
			// The path first: a value that cannot be its segment is refused before anything else.
			// Then the normalising hooks (they never fail), then the checks on the final request.
			// All of it near the request's turn, not in RoutingNode's loop over the items.
			preSend: [
				preparedNearItsTurn(apiRouting.api, [
					...(typeof url === 'string' ? [] : [validate(resolvePath(url, operationName))]),
					dropEmptyValues,
					...(sentTo ? [useHost(sentTo, apiRouting.api.credentialType)] : []),
					...preSend,
					validate(...requiredChecks, ...checks),
				]),
			],
		},
		output: {
			postReceive: [
				apiRouting.throwOnError,
				...output,
				...(paged && apiRouting.notePage ? [apiRouting.notePage] : []),
			],
		},
		...(paged ? { operations: { pagination: apiRouting.runPagedList } } : {}),
	};
}

export interface OperationDefinition {
	/** The entry in the resource's Operation list. */
	option: INodePropertyOptions;
	/** The fields shown for this operation. */
	properties: INodeProperties[];
}

export interface OperationSpec extends OperationRequest {
	resource: string;
	value: string;
	name: string;
	action: string;
	description: string;
	properties?: INodeProperties[];
}

/**
 * Declares one operation of the API `apiRouting` describes: its entry
 * in the Operation list, its routing, and its fields, shown only for this resource and operation.
 * Every top-level field marked `required` is also checked at run time (while it is shown), because
 * an expression can still resolve to nothing.
 */
export function defineOperation(spec: OperationSpec, apiRouting: ApiRouting): OperationDefinition {
	const { resource, value, name, action, description, properties = [], ...request } = spec;
	// The path's own values are checked, empty ones included, as the path is built.
	const inPath = new Set(
		typeof request.url === 'string' ? [] : request.url.segments.map((segment) => segment.parameter),
	);
	const requiredChecks = properties
		.filter(
			(property) =>
				property.required &&
				['string', 'number', 'options', 'resourceLocator'].includes(property.type),
		)
		.filter((property) => !inPath.has(property.name))
		.map((property) => whileShown(property, requireField(property)));
	return {
		option: {
			name,
			value,
			action,
			description,
			routing: operationRouting(request, requiredChecks, apiRouting, name),
		},
		properties: updateDisplayOptions(
			{ show: { resource: [resource], operation: [value] } },
			properties,
		),
	};
}

/** Whether two values are the same, comparing functions (preSend hooks, checks) by identity. */
function isSame(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (Array.isArray(a) !== Array.isArray(b)) return false;
	const aKeys = Object.keys(a);
	const bKeys = Object.keys(b);
	return (
		aKeys.length === bKeys.length &&
		aKeys.every((key) =>
			isSame((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
		)
	);
}

/** A field as declared, without the operations it is shown for. */
function withoutOperations(field: INodeProperties): INodeProperties {
	const show = { ...field.displayOptions?.show };
	delete show.operation;
	return { ...field, displayOptions: { ...field.displayOptions, show } };
}

/** The operations a collection's option is shown for, when it says (see `mergedCollection`). */
function optionOperations(option: INodeProperties): string[] | undefined {
	return option.displayOptions?.show?.['/operation'] as string[] | undefined;
}

/** The option shown only for `operations` (besides its own conditions). */
function shownForOperations(option: INodeProperties, operations: string[]): INodeProperties {
	const { displayOptions } = option;
	return {
		...option,
		displayOptions: {
			...displayOptions,
			show: { ...displayOptions?.show, '/operation': operations },
		},
	};
}

/** An option as declared, without the operations it is shown for. */
function optionWithoutOperations(option: INodeProperties): INodeProperties {
	const show = { ...option.displayOptions?.show };
	delete show['/operation'];
	return { ...option, displayOptions: { ...option.displayOptions, show } };
}

function byDisplayName(a: { displayName: string }, b: { displayName: string }): number {
	return a.displayName.localeCompare(b.displayName);
}

function isByDisplayName(options: INodeProperties['options']): boolean {
	const list = (options ?? []) as INodeProperties[];
	return list.every((option, index) => index === 0 || byDisplayName(list[index - 1], option) <= 0);
}

/**
 * Two collections of the same name (Additional Fields) made into one, whose options each say the
 * operations they are shown for: the editor lists, and n8n routes and saves, only those of the
 * chosen operation. Options of one name may differ (in their wording, choices or range), each
 * shown for its operations, but not in their type or default: n8n 1.x adds the first option of
 * a name with that option's default, whichever operation's it is. `undefined` when they cannot
 * be made one.
 */
function mergedCollection(
	field: INodeProperties,
	property: INodeProperties,
): INodeProperties | undefined {
	if (field.type !== 'collection' || property.type !== 'collection') return undefined;
	if (field.typeOptions?.multipleValues || property.typeOptions?.multipleValues) return undefined;
	const withoutOptions = (collection: INodeProperties) =>
		withoutOperations({ ...collection, options: [] });
	if (!isSame(withoutOptions(field), withoutOptions(property))) return undefined;
	// The merged options are listed by display name: so is each collection (n8n's lint asks it),
	// else an operation's options would change order.
	if (![field, property].every((collection) => isByDisplayName(collection.options)))
		return undefined;
	const fieldOperations = field.displayOptions!.show!.operation as string[];
	const operations = property.displayOptions!.show!.operation as string[];
	const options = (field.options as INodeProperties[]).map((option) =>
		optionOperations(option) ? option : shownForOperations(option, fieldOperations),
	);
	for (const added of property.options as INodeProperties[]) {
		const sameName = options.filter((option) => option.name === added.name);
		const same = sameName.findIndex((option) =>
			isSame(optionWithoutOperations(option), optionWithoutOperations(added)),
		);
		if (same >= 0) {
			const existing = sameName[same];
			options[options.indexOf(existing)] = shownForOperations(existing, [
				...optionOperations(existing)!,
				...operations,
			]);
			continue;
		}
		const conflicting = sameName.some(
			(option) =>
				option.type !== added.type ||
				!isSame(option.default, added.default) ||
				Boolean(option.typeOptions?.multipleValues) !== Boolean(added.typeOptions?.multipleValues),
		);
		if (conflicting) return undefined;
		options.push(shownForOperations(added, operations));
	}
	return {
		...field,
		displayOptions: {
			...field.displayOptions,
			show: { ...field.displayOptions!.show, operation: [...fieldOperations, ...operations] },
		},
		options: options.sort(byDisplayName),
	};
}

/**
 * The operations' fields, with the declarations that differ only in the operations they are shown
 * for made into one (Call UUID, shown for 13 Call operations, is one field), and a resource's
 * Additional Fields made into one collection whose options say their operations.
 *
 * For every item, n8n's RoutingNode evaluates the value of every top-level field the node
 * declares, before it looks at which are shown (n8n-core, routing-node.ts, runNode): a field
 * declared once per operation has the user's expression evaluated once per declaration, for
 * each item (Call UUID was evaluated 19 times an item, an expression in Additional Fields 38
 * times for Make Call).
 *
 * The editor shows fields in the order they are declared, so every operation's fields must keep
 * their order: each operation's fields are a chain (each before the next), and a declaration is
 * merged into an earlier one only where the chains of all operations still agree (no field ends
 * up both before and after another). The merged fields are then listed in an order every chain
 * agrees with, as close to the order they were first declared in as the chains allow.
 */
function mergedFields(operations: OperationDefinition[]): INodeProperties[] {
	const fields: INodeProperties[] = [];
	/** For each field, the fields some operation shows right after it. */
	const next: Array<Set<number>> = [];
	const reaches = (from: number, to: number): boolean => {
		const seen = new Set<number>();
		const stack = [from];
		while (stack.length > 0) {
			const at = stack.pop()!;
			if (at === to) return true;
			if (seen.has(at)) continue;
			seen.add(at);
			stack.push(...next[at]);
		}
		return false;
	};
	for (const { properties } of operations) {
		let previous: number | undefined;
		const chain = new Set<number>();
		for (const property of properties) {
			const operation = property.displayOptions?.show?.operation;
			let place = -1;
			let merged: INodeProperties | undefined;
			if (operation) {
				const fits = (index: number) =>
					!chain.has(index) && (previous === undefined || !reaches(index, previous));
				place = fields.findIndex(
					(field, index) =>
						fits(index) && isSame(withoutOperations(field), withoutOperations(property)),
				);
				if (place < 0) {
					place = fields.findIndex(
						(field, index) =>
							fits(index) && field.name === property.name && mergedCollection(field, property),
					);
					if (place >= 0) merged = mergedCollection(fields[place], property);
				}
			}
			if (place >= 0) {
				if (merged) {
					fields[place] = merged;
				} else {
					const show = fields[place].displayOptions!.show!;
					show.operation = [...(show.operation ?? []), ...operation!];
				}
			} else {
				const { displayOptions } = property;
				place = fields.length;
				fields.push(
					displayOptions
						? {
								...property,
								displayOptions: { ...displayOptions, show: { ...displayOptions.show } },
							}
						: property,
				);
				next.push(new Set());
			}
			if (previous !== undefined) next[previous].add(place);
			chain.add(place);
			previous = place;
		}
	}
	// Kahn's order, taking the earliest-declared field whose predecessors are all listed.
	const before = fields.map(() => 0);
	for (const targets of next) for (const target of targets) before[target]++;
	const ordered: INodeProperties[] = [];
	const ready = fields.map((_, index) => index).filter((index) => before[index] === 0);
	while (ready.length > 0) {
		ready.sort((a, b) => a - b);
		const index = ready.shift()!;
		ordered.push(fields[index]);
		for (const target of next[index]) if (--before[target] === 0) ready.push(target);
	}
	return ordered;
}

/**
 * A resource's fields: its Operation selector, listing the operations in alphabetical order, then
 * each operation's own fields.
 */
export function resourceDescription(
	resource: string,
	operations: OperationDefinition[],
	defaultOperation: string,
): INodeProperties[] {
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options: operations
				.map((operation) => operation.option)
				.sort((a, b) => a.name.localeCompare(b.name)),
			default: defaultOperation,
		},
		...mergedFields(operations),
	];
}

/**
 * The node's subtitle: the chosen operation's action as users read it ("Make a call"), taken
 * from the Operation lists among the node's properties so that it is written once. n8n evaluates
 * the subtitle as an expression, so the map goes into it as JSON.
 */
export function operationSubtitle(properties: INodeProperties[]): `={{${string}}}` {
	const actions: Record<string, string> = {};
	for (const property of properties) {
		if (property.name !== 'operation' || property.type !== 'options') continue;
		for (const resource of (property.displayOptions?.show?.resource ?? []) as string[]) {
			for (const option of (property.options ?? []) as INodePropertyOptions[]) {
				actions[`${resource}:${String(option.value)}`] = option.action ?? option.name;
			}
		}
	}
	return `={{ (${JSON.stringify(actions)})[$parameter.resource + ":" + $parameter.operation] }}`;
}

/** The connections of every action node built on this kit: one input, one output. */
export const ACTION_NODE_CONNECTIONS = {
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main],
} satisfies Partial<INodeTypeDescription>;

/** A node's Resource selector, first of its fields: the resources in the order given. */
export function resourceSelector(
	options: INodePropertyOptions[],
	defaultResource: string,
): INodeProperties {
	return {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options,
		default: defaultResource,
	};
}
