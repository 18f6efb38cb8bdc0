/**
 * A local HTTP endpoint that stands in for the user's callback URL in tests: it keeps every
 * request it receives, with its form fields or query parameters, and answers 200 with no body
 * unless the test says how to answer.
 */
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, beforeEach } from 'vitest';

import { closeServer, parseQuery } from '../sandbox/core.mts';

export interface ReceivedCallback {
	method: string;
	/** Path and query, as requested. */
	url: string;
	headers: Record<string, string | string[] | undefined>;
	/** Form fields (POST) or query parameters (GET). */
	params: Record<string, string | string[]>;
}

export interface ReceiverAnswer {
	status: number;
	contentType?: string;
	body?: string;
}

export type Answering = (request: ReceivedCallback) => ReceiverAnswer;

export class CallbackReceiver {
	readonly received: ReceivedCallback[] = [];
	private readonly server: Server = createServer((request, response) => {
		let body = '';
		request.on('data', (chunk: Buffer) => (body += chunk.toString()));
		request.on('end', () => {
			const queryStart = request.url!.indexOf('?');
			const received: ReceivedCallback = {
				method: request.method!,
				url: request.url!,
				headers: request.headers,
				params: parseQuery(
					request.method === 'POST'
						? body
						: queryStart < 0
							? ''
							: request.url!.slice(queryStart + 1),
				),
			};
			this.received.push(received);
			const answer = this.answering(received);
			response.writeHead(
				answer.status,
				answer.contentType ? { 'Content-Type': answer.contentType } : {},
			);
			response.end(answer.body ?? '');
		});
	});

	constructor(private readonly answering: Answering = () => ({ status: 200 })) {}

	async listen(): Promise<void> {
		await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
	}

	/** An absolute URL on this receiver, e.g. `url('/recorded')`. */
	url(path: string): string {
		return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
	}

	async close(): Promise<void> {
		await closeServer(this.server);
	}
}

/** The receiver of a test file: listening from the first test to the last, emptied before each. */
export function useCallbackReceiver(answering?: Answering): CallbackReceiver {
	const receiver = new CallbackReceiver(answering);
	beforeAll(async () => {
		await receiver.listen();
	});
	afterAll(async () => {
		await receiver.close();
	});
	beforeEach(() => {
		receiver.received.length = 0;
	});
	return receiver;
}
