/**
 * Action scenarios: the same work done by a workflow with the Plivo Voice node and by one with
 * n8n's HTTP Request node, run in n8n by hand (as the editor's "Execute workflow" does), in
 * interleaved pairs. What is timed is the node's own run time as n8n records it (the sum over the
 * nodes doing the work: HTTP Request and Split Out for a paginated list); what it costs n8n is the
 * process's CPU time and peak memory over the whole execution, both variants alike.
 */
import type { PlivoSandbox } from '../../test/sandbox/plivo/index.mts';
import type { Execution, Json, N8nClient } from '../n8n/rest.mts';
import { finishedExecution, waitForFinished } from './executions.mts';
import type { ProcessMeter } from './process.mts';
import type { NewWorkflow, WorkflowPair } from './workflows.mts';

export type VariantName = 'plivo' | 'http';

export interface ActionScenario {
	/** The row's label, e.g. `Call › Get CDR × 1,000`. */
	name: string;
	pair: WorkflowPair;
	/** The sandbox the scenario's credential points at. */
	sandbox: PlivoSandbox;
	/** Added by the sandbox to every answer. */
	latencyMs: number;
	/** Items the measured node must put out. */
	expectedItems: number;
	/** Fields that differ between any two answers of the API (ids it makes up), left out of the comparison. */
	volatileFields?: string[];
	/** Run before each run: brings the sandbox back to the scenario's starting state. */
	prepare?: () => void;
	/** Waited before each run: a rate limit's window, so that no run inherits the previous one's requests. */
	pauseBeforeMs?: number;
	/**
	 * A failed execution is a result to report (a variant that cannot keep to Plivo's limits), not
	 * a broken benchmark: it is recorded, and the variant is not run again.
	 */
	mayFail?: boolean;
}

export interface RunSample {
	/** The measured nodes' run time, in ms. */
	timeMs: number;
	cpuMs?: number;
	peakBytes?: number;
	/** Requests the sandbox received. */
	requests: number;
	/** Of which answered 429 (rate limited). */
	rateLimited: number;
}

/** An execution that ended in an error (as opposed to a benchmark that could not run). */
class ExecutionFailed extends Error {}

interface SavedVariant {
	id: string;
	measured: string[];
	/** Executions of the workflow that have finished, to wait for the next one. */
	finished: number;
}

/** A scenario saved in n8n, with its samples. */
export class ActionRun {
	readonly samples: Record<VariantName, RunSample[]> = { plivo: [], http: [] };
	/** Why a variant's execution failed, in a scenario that may fail. */
	readonly failures: Partial<Record<VariantName, string>> = {};
	private constructor(
		readonly scenario: ActionScenario,
		private readonly saved: Record<VariantName, SavedVariant>,
	) {}

	static async save(client: N8nClient, scenario: ActionScenario): Promise<ActionRun> {
		const save = async (variant: {
			workflow: NewWorkflow;
			measured: string[];
		}): Promise<SavedVariant> => ({
			id: (await client.createWorkflow(variant.workflow)).id,
			measured: variant.measured,
			finished: 0,
		});
		return new ActionRun(scenario, {
			plivo: await save(scenario.pair.plivo),
			http: await save(scenario.pair.http),
		});
	}

	/** One measured run of a variant, its sample kept; none once the variant has failed in a scenario that may fail. */
	async measureOnce(client: N8nClient, meter: ProcessMeter, variant: VariantName): Promise<void> {
		if (this.failures[variant]) return;
		try {
			this.samples[variant].push((await this.run(client, meter, variant)).sample);
		} catch (error) {
			if (!this.scenario.mayFail || !(error instanceof ExecutionFailed)) throw error;
			this.failures[variant] = error.message;
		}
	}

	/** One run of a variant. */
	async run(
		client: N8nClient,
		meter: ProcessMeter,
		variant: VariantName,
	): Promise<{ sample: RunSample; execution: Execution }> {
		const { sandbox, latencyMs, prepare } = this.scenario;
		const saved = this.saved[variant];
		prepare?.();
		if (this.scenario.pauseBeforeMs)
			await new Promise((resolve) => setTimeout(resolve, this.scenario.pauseBeforeMs));
		sandbox.server.clearRequests();
		sandbox.server.latencyMs = latencyMs;
		const measured = await meter.measure(async () => {
			const executionId = await client.startWorkflow(saved.id);
			saved.finished++;
			await waitForFinished(client, saved.id, saved.finished);
			return executionId;
		});
		const execution = await finishedExecution(client, measured.result);
		if (execution.status !== 'success') {
			const message =
				(execution.error as { message?: string } | undefined)?.message ??
				JSON.stringify(execution.error);
			throw new ExecutionFailed(
				`${this.scenario.name} (${variant}): the execution ended ${execution.status}: ${message}`,
			);
		}
		const sample: RunSample = {
			timeMs: saved.measured.reduce((sum, name) => sum + execution.runTimeMs(name), 0),
			cpuMs: measured.cpuMs,
			peakBytes: measured.peakBytes,
			requests: sandbox.requests.length,
			rateLimited: sandbox.requests.filter((request) => request.status === 429).length,
		};
		return { sample, execution };
	}

	/** The items the variant's last node put out. */
	output(variant: VariantName, execution: Execution): Json[] {
		const { measured } = this.saved[variant];
		return execution.output(measured[measured.length - 1]);
	}

	/**
	 * The sanity check (and warm-up) before measuring: both variants put out the expected number of
	 * items, the same items, and sent the sandbox the same requests. Requests rate-limited (429) are
	 * left out: how often each variant hits the limit is what the scenario at Plivo's limits shows.
	 */
	async check(client: N8nClient, meter: ProcessMeter): Promise<void> {
		const seen = {} as Record<VariantName, { requests: string[]; output: string[] }>;
		for (const variant of ['plivo', 'http'] as const) {
			let execution: Execution;
			try {
				({ execution } = await this.run(client, meter, variant));
			} catch (error) {
				if (!this.scenario.mayFail || !(error instanceof ExecutionFailed)) throw error;
				this.failures[variant] = error.message;
				return;
			}
			const output = this.output(variant, execution);
			if (output.length !== this.scenario.expectedItems) {
				throw new Error(
					`${this.scenario.name} (${variant}): ${output.length} items out, ${this.scenario.expectedItems} expected`,
				);
			}
			const requests = this.scenario.sandbox.requests
				.filter((request) => request.status !== 429)
				.map(({ method, path, query, body, status }) =>
					JSON.stringify({ method, path, query: sortedKeys(query), body, status }),
				);
			const volatile = new Set(this.scenario.volatileFields ?? []);
			seen[variant] = {
				requests: requests.sort(),
				output: output.map((item) => JSON.stringify(sortedKeys(item, volatile))).sort(),
			};
		}
		for (const aspect of ['requests', 'output'] as const) {
			const [plivo, http] = [seen.plivo[aspect], seen.http[aspect]];
			const index = plivo.findIndex((entry, position) => entry !== http[position]);
			if (plivo.length !== http.length || index >= 0) {
				throw new Error(
					`${this.scenario.name}: the two workflows' ${aspect} differ (${plivo.length} and ${http.length}); first difference:\n` +
						`  Plivo Voice:  ${plivo[index] ?? '(none)'}\n  HTTP Request: ${http[index] ?? '(none)'}`,
				);
			}
		}
	}
}

/** An object with its keys in order (and without the `leaveOut` ones), for comparing JSON texts. */
function sortedKeys(
	value: Record<string, unknown>,
	leaveOut = new Set<string>(),
): Record<string, unknown> {
	return Object.fromEntries(
		Object.keys(value)
			.filter((key) => !leaveOut.has(key))
			.sort()
			.map((key) => [key, value[key]]),
	);
}
