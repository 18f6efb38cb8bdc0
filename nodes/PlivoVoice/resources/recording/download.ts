import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { credentialsOfRun } from '../../../../lib/kit/credentials';
import { path, pathTemplate, resolvePath } from '../../../../lib/kit/pathSegments';
import { perItem, sendOnce } from '../../../../lib/kit/transport';
import type { RequestCheck } from '../../../../lib/kit/validation';
import { urlProblem } from '../../../../lib/kit/validation';
import { credentialBase } from '../../../../lib/plivo/hosts';
import { defineOperation } from '../../../../lib/plivo/routing';
import { PLIVO_API } from '../../../../lib/plivo/transport';
import { RECORDING_ID, recordingIdField } from './shared';

const OPERATION_NAME = 'Download';
const RECORDING_PATH = path`/Recording/${RECORDING_ID}/`;

/** What the audio's file type is, from the recording's format or the URL's extension. */
const AUDIO_TYPES: Record<string, string> = { mp3: 'audio/mpeg', wav: 'audio/wav' };

type Source = 'recording' | 'url';

function sourceOf(ctx: IExecuteSingleFunctions): Source {
	return ctx.getNodeParameter('source', 'recording') === 'url' ? 'url' : 'recording';
}

/** The recording's path is built (and its ID checked) only when the recording is named by ID. */
const recordingPathWhenById: RequestCheck = function (requestOptions) {
	if (sourceOf(this) !== 'recording') return undefined;
	return resolvePath(RECORDING_PATH, OPERATION_NAME).call(this, requestOptions);
};

const recordingUrlCheck: RequestCheck = function () {
	if (sourceOf(this) !== 'url') return undefined;
	return urlProblem(this.getNodeParameter('recordingUrl', ''), 'Recording URL');
};

function origin(url: string): string | undefined {
	try {
		return new URL(url).origin;
	} catch {
		return undefined;
	}
}

/** `e06ac332-….mp3` from `https://media.plivo.com/v1/Account/…/Recording/e06ac332-….mp3`. */
function fileNameOf(url: string): string {
	const last = new URL(url).pathname.split('/').filter(Boolean).at(-1) ?? '';
	try {
		return decodeURIComponent(last) || 'recording';
	} catch {
		return last || 'recording';
	}
}

function extensionOf(fileName: string): string | undefined {
	return /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
}

/** Reads and drops the rest of a response that is not used, so that its connection is freed. */
function discard(body: unknown): void {
	const stream = body as { resume?: unknown } | undefined;
	if (stream && typeof stream.resume === 'function') stream.resume();
}

/**
 * Fetches the audio, streamed into n8n's binary data. Plivo serves recordings from its media host
 * (media.plivo.com), not from the API, and by default without authentication: the credential is
 * sent only to the API's own origin (the sandbox, or a proxy the credential points at), and a
 * request that carries it never follows a redirect. One without it follows redirects as any
 * download does.
 */
async function downloadAudio(
	ctx: IExecutePaginationFunctions,
	url: string,
	format: string | undefined,
): Promise<{
	binary: Awaited<ReturnType<IExecuteSingleFunctions['helpers']['prepareBinaryData']>>;
}> {
	// Read once per run of the node, as for every other request (see credentialsOfRun).
	const credentials = await credentialsOfRun(ctx, PLIVO_API.credentialType);
	const sameOriginAsApi =
		origin(url) !== undefined && origin(url) === origin(credentialBase(credentials));
	const request: IHttpRequestOptions = {
		method: 'GET',
		url,
		encoding: 'stream',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		...(sameOriginAsApi
			? {
					auth: {
						username: String(credentials.authId ?? ''),
						password: String(credentials.authToken ?? ''),
					},
					disableFollowRedirect: true,
				}
			: {}),
	};
	let response: IN8nHttpFullResponse;
	try {
		response = (await ctx.helpers.httpRequest(request)) as IN8nHttpFullResponse;
	} catch (error) {
		// The error of n8n's request stack holds the request, credential included: only its code goes out.
		const code = (error as { code?: unknown }).code;
		throw new NodeOperationError(
			ctx.getNode(),
			`Could not download the recording from ${new URL(url).host}`,
			{
				itemIndex: ctx.getItemIndex(),
				description: typeof code === 'string' ? `Network error ${code}.` : undefined,
			},
		);
	}
	if (response.statusCode !== 200) {
		discard(response.body);
		const status = response.statusCode;
		const protectedHint =
			status === 401 || status === 403
				? ' The recording URL needs authentication: this node sends your Plivo credential only to the API’s own host, never to another one. Turn off the protection of recording URLs in the Plivo console, or download it another way.'
				: '';
		throw new NodeOperationError(
			ctx.getNode(),
			`The recording could not be downloaded: ${new URL(url).host} answered HTTP ${status}`,
			{
				itemIndex: ctx.getItemIndex(),
				description:
					status >= 300 && status < 400
						? 'The audio URL redirects elsewhere; the redirect was not followed because it would carry your credential.'
						: `Check that the recording exists and has not been deleted.${protectedHint}`,
			},
		);
	}
	const fileName = fileNameOf(url);
	const contentType = String(response.headers['content-type'] ?? '')
		.split(';')[0]
		.trim()
		.toLowerCase();
	const mimeType =
		AUDIO_TYPES[format ?? ''] ??
		AUDIO_TYPES[extensionOf(fileName) ?? ''] ??
		(contentType.startsWith('audio/') ? contentType : undefined);
	const binary = await ctx.helpers.prepareBinaryData(
		response.body as Parameters<typeof ctx.helpers.prepareBinaryData>[0],
		fileName,
		mimeType,
	);
	return { binary };
}

/** Seconds, from the milliseconds Plivo writes as a decimal string ("42000.00000"). */
function secondsOf(milliseconds: unknown): number | undefined {
	const value = Number(milliseconds);
	return Number.isFinite(value) && value >= 0 ? Math.round(value) / 1000 : undefined;
}

/**
 * The operation's runner: by ID, the recording is fetched from the API first (paced, retried and
 * reported like every request), then its `recording_url`; by URL, only the audio is fetched.
 */
async function runDownload(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	return await perItem(this, requestData, async () => {
		const binaryProperty = this.getNodeParameter('binaryPropertyName', 'data') as string;
		let json: IDataObject;
		let url: string;
		let format: string | undefined;
		if (sourceOf(this) === 'recording') {
			const [item] = await sendOnce(this, PLIVO_API, requestData);
			json = item.json;
			url = String(json.recording_url ?? '');
			format = typeof json.recording_format === 'string' ? json.recording_format : undefined;
			if (urlProblem(url, 'recording_url') !== undefined) {
				throw new NodeOperationError(
					this.getNode(),
					'Plivo gave no URL for this recording’s audio',
					{
						itemIndex: this.getItemIndex(),
					},
				);
			}
		} else {
			url = String(this.getNodeParameter('recordingUrl', '')).trim();
			json = { recording_url: url };
		}
		const { binary } = await downloadAudio(this, url, format);
		const duration = secondsOf(json.recording_duration_ms);
		return [
			{
				json: {
					...json,
					file_name: binary.fileName,
					mime_type: binary.mimeType,
					...(duration === undefined ? {} : { duration }),
				},
				binary: { [binaryProperty]: binary },
			},
		];
	});
}

const operation = defineOperation({
	resource: 'recording',
	value: 'download',
	name: 'Download',
	action: 'Download a recording',
	description: 'Download a recording’s audio as a file, for transcription, storage or sending on',
	method: 'GET',
	// Built by `recordingPathWhenById`: a recording given by URL needs no request to the API.
	url: pathTemplate(RECORDING_PATH),
	checks: [recordingPathWhenById, recordingUrlCheck],
	properties: [
		{
			displayName: 'Download',
			name: 'source',
			type: 'options',
			noDataExpression: true,
			options: [
				{
					name: 'A Recording of the Account',
					value: 'recording',
					description: 'Pick the recording, or give its ID: its details come with the file',
				},
				{
					name: 'A Recording URL',
					value: 'url',
					description:
						'The URL a recording callback gives (RecordUrl, record_url or RecordingURL), or a recording’s recording_url',
				},
			],
			default: 'recording',
			description: 'Which recording to download',
		},
		{
			...recordingIdField('The recording to download'),
			displayOptions: { show: { source: ['recording'] } },
		},
		{
			displayName: 'Recording URL',
			name: 'recordingUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. https://media.plivo.com/v1/Account/MA…/Recording/e06ac332-….mp3',
			description:
				'The audio’s URL, for example the RecordUrl of a Plivo Voice Trigger’s Recording Ready event',
			displayOptions: { show: { source: ['url'] } },
		},
		{
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			required: true,
			default: 'data',
			description: 'The name of the output binary field to put the file in',
		},
	],
});

// The API request, if any, and the download are made by this operation's own runner.
operation.option.routing = {
	...operation.option.routing,
	operations: { pagination: runDownload },
};

export const download = operation;
