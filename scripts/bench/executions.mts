/**
 * Waiting for n8n's executions without weighing on what is measured: the executions list
 * (`GET /rest/executions`, no execution data) counts a workflow's finished executions, and is
 * asked less and less often as the wait goes on; a finished execution's data, which n8n must
 * serialise (megabytes for 10,000 items), is fetched only once the CPU reading is taken.
 */
import type { Execution, N8nClient } from '../n8n/rest.mts';
import { N8nApiError } from '../n8n/rest.mts';

/**
 * A read from n8n's REST API, tried again when n8n could not answer it: an n8n whose event loop a
 * long run keeps busy can close an idle kept-alive connection just as the next request goes out
 * on it (ECONNRESET), and misses its database health check, answering 503 ("Database is not
 * ready!") until the next one passes. Only reads are repeated, for at most a minute.
 */
async function read<T>(fetchIt: () => Promise<T>): Promise<T> {
	const deadline = Date.now() + 60_000;
	for (;;) {
		try {
			return await fetchIt();
		} catch (error) {
			const code = (error as { cause?: { code?: string } }).cause?.code;
			const dropped =
				code !== undefined && ['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET'].includes(code);
			const unavailable = error instanceof N8nApiError && error.status === 503;
			if ((!dropped && !unavailable) || Date.now() > deadline) throw error;
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	}
}

/** How many executions of the workflow have finished (successfully or not). */
export async function finishedExecutions(client: N8nClient, workflowId: string): Promise<number> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	// Without a status filter n8n answers the running ones and counts the finished ones.
	const page = await read(() =>
		client.request<{ count: number }>('GET', `/rest/executions?filter=${filter}&limit=1`),
	);
	return page.count;
}

/** A finished execution, with its data. */
export async function finishedExecution(
	client: N8nClient,
	executionId: string,
): Promise<Execution> {
	return await read(() => client.waitForExecution(executionId));
}

/**
 * Resolves once at least `count` executions of the workflow have finished. Asks every 20 ms at
 * first, then every twentieth of the time waited so far (at most every second), so that a long
 * run is asked a few dozen times, not hundreds.
 */
export async function waitForFinished(
	client: N8nClient,
	workflowId: string,
	count: number,
	timeoutMs = 600_000,
): Promise<void> {
	const started = Date.now();
	for (;;) {
		if ((await finishedExecutions(client, workflowId)) >= count) return;
		const waited = Date.now() - started;
		if (waited > timeoutMs)
			throw new Error(
				`Workflow ${workflowId}: fewer than ${count} executions had finished after ${timeoutMs / 1000} s`,
			);
		await new Promise((resolve) => setTimeout(resolve, Math.min(1000, Math.max(20, waited / 20))));
	}
}
