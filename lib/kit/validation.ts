import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
	NodeParameterValue,
	PreSendAction,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

type RequestOptions = DeclarativeRestApiSettings.HttpRequestOptions | IHttpRequestOptions;

/**
 * Input errors found before sending.
 *
 * A preSend hook that throws makes RoutingNode emit an error item without `pairedItem`, so with
 * "Continue On Fail" on, the error is parked here instead (keyed by the request it belongs to)
 * and raised by the request runner, which pairs it with its input item and sends nothing.
 * Without "Continue On Fail" the hook throws at once.
 */
const deferredInputErrors = new WeakMap<object, NodeOperationError>();

export function takeDeferredInputError(requestOptions: object): NodeOperationError | undefined {
	const error = deferredInputErrors.get(requestOptions);
	deferredInputErrors.delete(requestOptions);
	return error;
}

/** A check on the request about to be sent; it returns a message naming the field, or nothing. */
export type RequestCheck = (
	this: IExecuteSingleFunctions,
	requestOptions: RequestOptions,
) => string | undefined | Promise<string | undefined>;

/**
 * What a refused item's error says was sent: this item was not. With several items, n8n's
 * RoutingNode sends them all at once and reports the first failed item only after every request
 * has settled, so the others were sent (unless refused too): never "nothing was sent".
 */
function notSentDescription(ctx: IExecuteSingleFunctions, apiName: string): string {
	// "Execute Once" runs the node for the first item only.
	const itemCount = ctx.getNode().executeOnce
		? 1
		: (ctx.getExecuteData?.()?.data?.main?.[0]?.length ?? 1);
	const thisItem = `This item was not sent to ${apiName}.`;
	if (itemCount <= 1 || ctx.continueOnFail()) return thisItem;
	return `${thisItem} The node's other items were still sent (except any refused like this one), but their results are not shown because the node stopped. To get a result for every item, set ‘On Error’ to ‘Continue’ in the node's settings.`;
}

/**
 * `validate` for the API named `apiName`: turns checks into a preSend hook that refuses the
 * request before it is sent, saying that this item was not sent to that API.
 */
export function validateFor(apiName: string) {
	return function validate(...checks: RequestCheck[]): PreSendAction {
		return async function (this: IExecuteSingleFunctions, requestOptions) {
			for (const check of checks) {
				const problem = await check.call(this, requestOptions);
				if (problem === undefined) continue;
				const error = new NodeOperationError(this.getNode(), problem, {
					itemIndex: this.getItemIndex(),
					description: notSentDescription(this, apiName),
				});
				if (!this.continueOnFail()) throw error;
				// A field's own checks run after the operation's: the first problem found is the one reported.
				if (!deferredInputErrors.has(requestOptions))
					deferredInputErrors.set(requestOptions, error);
				break;
			}
			return requestOptions;
		};
	};
}

export function bodyOf(requestOptions: RequestOptions): IDataObject {
	return (requestOptions.body ?? {}) as IDataObject;
}

export function queryOf(requestOptions: RequestOptions): IDataObject {
	return (requestOptions.qs ?? {}) as IDataObject;
}

function isBlank(value: unknown): boolean {
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}

/**
 * `n8n` marks required fields in the editor, but an expression can still resolve to nothing;
 * the API would then answer with a terse 400. Checks a parameter by its n8n name.
 */
function requireParameter(name: string, displayName: string): RequestCheck {
	return function (this: IExecuteSingleFunctions) {
		const value = parameterValue(this, name);
		return isBlank(value) ? emptyFieldProblem(displayName) : undefined;
	};
}

/**
 * The check that a required field is not empty. A field sent under an API name is checked where
 * the request holds it (after the empty values are dropped and the values normalised): n8n already
 * evaluated the field's expression to build the request, and reading the parameter again would
 * evaluate it again, for every item. Any other field is checked by its n8n parameter.
 */
export function requireField(field: INodeProperties): RequestCheck {
	const send = field.routing?.send;
	const sentAs = send?.property;
	const inPlace =
		sentAs !== undefined &&
		!sentAs.startsWith('=') &&
		(send?.propertyInDotNotation === false || !sentAs.includes('.'));
	if (!inPlace || (send?.type !== 'body' && send?.type !== 'query'))
		return requireParameter(field.name, field.displayName);
	const { type } = send;
	return function (requestOptions) {
		const sent = (type === 'query' ? queryOf(requestOptions) : bodyOf(requestOptions))[sentAs];
		return isBlank(sent) ? emptyFieldProblem(field.displayName) : undefined;
	};
}

function emptyFieldProblem(displayName: string): string {
	return `The ‘${displayName}’ field is empty. Enter a value or an expression that resolves to one.`;
}

/**
 * A parameter's value as the request uses it: for a resource locator ("From List" / "By ID"),
 * the ID it holds rather than the locator object.
 */
export function parameterValue(ctx: IExecuteSingleFunctions, name: string): unknown {
	return ctx.getNodeParameter(name, '', { extractValue: true }) as unknown;
}

/**
 * Runs a field's check only while the field is shown: a field that another field's value hides
 * (the call UUID when a new call is placed, say) is not sent, and may stay empty.
 */
export function whileShown(field: INodeProperties, check: RequestCheck): RequestCheck {
	const show = Object.entries(field.displayOptions?.show ?? {}).filter(
		([name]) => !name.startsWith('@'),
	);
	if (show.length === 0) return check;
	return function (requestOptions) {
		const shown = show.every(([name, values]) =>
			(values ?? []).includes(
				this.getNodeParameter(name.replace(/^\//, ''), null) as NodeParameterValue,
			),
		);
		return shown ? check.call(this, requestOptions) : undefined;
	};
}

/**
 * Checks an integer sent in the body, by its API name, against a documented range; without a
 * maximum, only the lower bound (e.g. "a positive number of seconds").
 */
export function bodyIntegerInRange(
	apiName: string,
	displayName: string,
	min: number,
	max = Infinity,
): RequestCheck {
	return function (requestOptions) {
		const value = bodyOf(requestOptions)[apiName];
		if (value === undefined) return undefined;
		if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
			const range = max === Infinity ? `of at least ${min}` : `from ${min} to ${max}`;
			return `‘${displayName}’ must be a whole number ${range}; got ${JSON.stringify(value)}.`;
		}
		return undefined;
	};
}

/**
 * An options field set by an expression can send anything: checks that what it sent (in the body
 * or the query, under its API name) is one of the field's own options. A multi-option field may
 * have been joined with commas before the checks run.
 */
function listedOption(field: INodeProperties): RequestCheck {
	const send = field.routing?.send;
	if (!send?.property || !field.options)
		throw new Error(`${field.name} is not an options field sent under an API name`);
	const { property, type } = send;
	const allowed = (field.options as INodePropertyOptions[]).map((option) => String(option.value));
	return function (requestOptions) {
		const container = (type === 'query' ? requestOptions.qs : requestOptions.body) as
			| IDataObject
			| undefined;
		const value = container?.[property];
		if (value === undefined) return undefined;
		const values = Array.isArray(value)
			? value
			: field.type === 'multiOptions'
				? String(value).split(',')
				: [value];
		const unknown = values.find((entry) => !allowed.includes(String(entry)));
		if (unknown === undefined) return undefined;
		return `‘${String(unknown)}’ is not a valid value for ‘${field.displayName}’. Use one of: ${allowed.join(', ')}.`;
	};
}

/** The options field, refusing before sending a value (from an expression) that is not one of its options. */
export function onlyListedOptions(field: INodeProperties, apiName: string): INodeProperties {
	const send = field.routing?.send ?? {};
	return {
		...field,
		routing: {
			...field.routing,
			send: {
				...send,
				preSend: [...(send.preSend ?? []), validateFor(apiName)(listedOption(field))],
			},
		},
	};
}

/** Checks that a URL sent in the body, by its API name, is an absolute http(s) (or given scheme) URL. */
export function bodyUrl(
	apiName: string,
	displayName: string,
	schemes = ['http:', 'https:'],
): RequestCheck {
	return function (requestOptions) {
		const value = bodyOf(requestOptions)[apiName];
		if (value === undefined) return undefined;
		return urlProblem(value, displayName, schemes);
	};
}

export function urlProblem(
	value: unknown,
	displayName: string,
	schemes = ['http:', 'https:'],
): string | undefined {
	if (typeof value !== 'string' || value.trim() === '') {
		return `The ‘${displayName}’ field is empty. Enter a full URL starting with ${schemes.map((s) => `${s}//`).join(' or ')}.`;
	}
	try {
		const url = new URL(value);
		if (schemes.includes(url.protocol)) return undefined;
	} catch {
		// reported below
	}
	return `‘${value}’ in the ‘${displayName}’ field is not a full URL starting with ${schemes.map((s) => `${s}//`).join(' or ')}.`;
}

/** An update with no field to change: the API would answer with nothing changed, so nothing is sent. */
export const somethingToUpdate: RequestCheck = function (requestOptions) {
	if (Object.keys(bodyOf(requestOptions)).length > 0) return undefined;
	return 'Nothing to update: add at least one field under ‘Update Fields’.';
};
