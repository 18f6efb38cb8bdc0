/**
 * The package as users meet it: in n8n's editor, in a real browser (Debian's headless Chromium),
 * on a real n8n of the line under test (2.x, or 1.123 with N8N_LINE=1) with the built package,
 * the sandbox credential and the examples, against the Plivo sandbox. The tests click and type as
 * a user does and read what the editor shows; they run in order, on one page.
 *
 * They also take the README's screenshots. `npm run screenshots` writes them into .github/images/
 * (from n8n 2.x only); other runs write them into a scratch folder, so that a test run never
 * changes the repository.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LATEST_PLIVO_VOICE_VERSION } from '../../nodes/PlivoVoice/versions.js';
import { loadExamples, OWNER } from '../../scripts/n8n/launch.mts';
import { REPO_ROOT } from '../../scripts/n8n/paths.mts';
import type { Workflow, WorkflowNode } from '../../scripts/n8n/rest.mts';
import type { E2eEnvironment } from '../e2e/environment.mts';
import { startE2eEnvironment } from '../e2e/environment.mts';
import type { Browser, BrowserError } from './browser.mts';
import { launchBrowser } from './browser.mts';

const PACKAGE = 'n8n-nodes-plivo-voice';
const NODE_TYPE = `${PACKAGE}.plivoVoice`;
const TRIGGER_TYPE = `${PACKAGE}.plivoVoiceTrigger`;
const XML_TYPE = `${PACKAGE}.plivoXml`;

const SCREENSHOTS_DIR = join(REPO_ROOT, '.github', 'images');
const README = join(REPO_ROOT, 'README.md');
/** The screenshots the README shows, each taken by one test below. */
const SCREENSHOTS = {
	node: 'plivo-voice-node.png',
	ivr: 'ivr-workflow.png',
	ivrExecution: 'ivr-execution.png',
	xml: 'plivo-xml-node.png',
	trigger: 'plivo-voice-trigger.png',
	search: 'node-search.png',
};

let env: E2eEnvironment;
let browser: Browser;
let page: Page;
let screenshots: string;
let failed = false;
let line: string;

beforeAll(async () => {
	env = await startE2eEnvironment();
	line = env.install.line;
	const update = process.env.UPDATE_SCREENSHOTS === '1';
	if (update && line !== '2')
		throw new Error('The screenshots are taken from n8n 2.x (N8N_LINE=2)');
	screenshots = update ? SCREENSHOTS_DIR : mkdtempSync(join(tmpdir(), 'plivo-voice-screenshots-'));
	mkdirSync(screenshots, { recursive: true });
	browser = await launchBrowser();
	page = browser.page;
	page.setDefaultTimeout(30_000);
});

afterAll(async () => {
	if (failed && page) {
		const path = join(env.userFolder, 'failure.png');
		await page.screenshot({ path }).catch(() => undefined);
		console.error(`The page when a test failed: ${path}`);
	}
	await browser?.close();
	if (screenshots && screenshots !== SCREENSHOTS_DIR && !failed) {
		rmSync(screenshots, { recursive: true, force: true });
	}
	await env?.stop({ keepUserFolder: failed });
	if (failed) console.error(`n8n's user folder is kept for inspection: ${env.userFolder}`);
});

function onFailure(context: { onTestFailed(handler: () => void): void }) {
	context.onTestFailed(() => {
		failed = true;
		console.error(`n8n's last output:\n${env.instance.logTail(40)}`);
	});
}

async function screenshot(name: string, target: Page | Locator = page): Promise<void> {
	await target.screenshot({ path: join(screenshots, name) });
}

function exampleWorkflow(prefix: string) {
	const example = loadExamples().find(({ file }) => file.startsWith(prefix));
	if (!example) throw new Error(`No example ${prefix}-*.json in examples/`);
	return example.workflow;
}

let nodeTypes: Promise<INodeTypeDescription[]> | undefined;

/** A node type as n8n serves it to the editor. */
/** A workflow to create: an example under another name, and a new id. */
function copyOf(workflow: Workflow, name: string): Omit<Workflow, 'id'> {
	const { id: _id, ...rest } = workflow;
	return { ...rest, name };
}

async function nodeType(name: string): Promise<INodeTypeDescription> {
	const type = (await (nodeTypes ??= env.client.nodeTypes())).find(
		(candidate) => candidate.name === name,
	);
	if (!type) throw new Error(`n8n has not loaded ${name}`);
	return type;
}

interface Option {
	name: string;
	description?: string;
}

/** The options a node's Resource list, or a resource's Operation list, declares. */
function declaredOptions(type: INodeTypeDescription, name: string, resource?: string): Option[] {
	const property = type.properties.find(
		(candidate: INodeProperties) =>
			candidate.name === name &&
			(resource === undefined || candidate.displayOptions?.show?.resource?.includes(resource)),
	);
	if (!property?.options) throw new Error(`${type.name} has no ${name} list`);
	return (property.options as INodePropertyOptions[]).map(({ name, description }) => ({
		name,
		description,
	}));
}

/**
 * The options a resource's Additional Fields declares for an operation, by label: the node has one
 * Additional Fields per resource, whose options say the operations they belong to.
 */
function declaredAdditionalFields(
	type: INodeTypeDescription,
	resource: string,
	operation: string,
): string[] {
	const collection = type.properties.find(
		(candidate: INodeProperties) =>
			candidate.name === 'additionalFields' &&
			candidate.displayOptions?.show?.resource?.includes(resource) &&
			candidate.displayOptions?.show?.operation?.includes(operation),
	);
	if (!collection?.options) throw new Error(`${resource} › ${operation} has no Additional Fields`);
	return (collection.options as INodeProperties[])
		.filter((option) => {
			const operations = option.displayOptions?.show?.['/operation'];
			return operations === undefined || operations.includes(operation);
		})
		.map((option) => option.displayName);
}

/** Polls until the editor shows what is expected (it renders asynchronously, slowly on a busy machine). */
const eventually = <T,>(value: () => Promise<T> | T) =>
	expect.poll(value, { timeout: 30_000, interval: 250 });

const canvasNodes = () => page.locator('[data-test-id="canvas-node"]');
const canvasNode = (name: string) =>
	page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`);
const ndv = () => page.locator('[data-test-id="ndv"]');

async function openWorkflow(id: string, nodes: WorkflowNode[]): Promise<void> {
	await page.goto(`${env.instance.url}/workflow/${id}`);
	const shown = nodes.filter((node) => node.type !== 'n8n-nodes-base.stickyNote');
	await eventually(() => canvasNodes().count()).toBe(shown.length);
}

async function openNode(name: string): Promise<void> {
	await canvasNode(name).dblclick();
	await ndv().waitFor();
}

async function closeNode(): Promise<void> {
	// n8n 2.x closes the panel with a ×, n8n 1.123 with "Back to canvas".
	await page
		.locator('[data-test-id="ndv-close-button"], [data-test-id="back-to-canvas"]')
		.first()
		.click();
	await ndv().waitFor({ state: 'hidden' });
}

/** What a select parameter of the open node shows. */
async function parameterValue(parameter: string): Promise<string> {
	return await ndv()
		.locator(`[data-test-id="parameter-input-${parameter}"] input`)
		.first()
		.inputValue();
}

/** The options a select parameter of the open node offers, as the editor lists them. */
async function selectOptions(parameter: string): Promise<Option[]> {
	await ndv().locator(`[data-test-id="parameter-input-${parameter}"]`).click();
	const items = page.locator('.el-select-dropdown__item:visible');
	await items.first().waitFor();
	// Each option shows its name, and its description under it when it has one.
	const names = (await items.allInnerTexts()).map((text) => {
		const [name, ...description] = text.trim().split('\n');
		return { name: name.trim(), description: description.join(' ').trim() || undefined };
	});
	await page.keyboard.press('Escape');
	// Closed, so that the next list read is the next select's.
	await items.first().waitFor({ state: 'hidden' });
	return names;
}

/** The fields the open node's "Add Field" list offers (its only collection), as the editor lists them. */
async function additionalFieldsOffered(): Promise<string[]> {
	await ndv().locator('input[placeholder="Add Field"]').click();
	const items = page.locator('[data-test-id="collection-parameter-option"]:visible');
	await items.first().waitFor();
	const names = (await items.allInnerTexts()).map((text) => text.trim());
	await page.keyboard.press('Escape');
	await items.first().waitFor({ state: 'hidden' });
	return names;
}

async function choose(parameter: string, option: string): Promise<void> {
	await ndv().locator(`[data-test-id="parameter-input-${parameter}"]`).click();
	await page
		.locator('.el-select-dropdown__item:visible')
		.filter({ has: page.getByText(option, { exact: true }) })
		.click();
}

/**
 * What a canvas node shows that it should not: an issues badge (a missing value, a missing
 * credential), n8n's "not installed" marker, or the question mark of a node type n8n does not know.
 */
async function canvasNodeProblems(node: Locator): Promise<string[]> {
	const problems: string[] = [];
	if (await node.locator('[data-test-id="node-issues"]').count()) problems.push('issues badge');
	if (await node.locator('[data-test-id="node-not-installed"]').count())
		problems.push('not installed');
	const icon = node.locator('.n8n-node-icon').first();
	if (!(await icon.locator('img, svg').count())) {
		problems.push(`no icon (shows "${(await icon.innerText()).trim()}")`);
	}
	return problems;
}

/** Checks that a node shows the icon n8n serves for its type, loaded. */
async function expectPackageIcon(node: Locator, type: string): Promise<void> {
	const { iconUrl } = await nodeType(type);
	const expected = typeof iconUrl === 'string' ? iconUrl : iconUrl?.light;
	expect(expected, `${type} has an icon`).toMatch(new RegExp(`^/?icons/${PACKAGE}/dist/.+\\.svg$`));
	const image = node.locator('.n8n-node-icon img').first();
	await eventually(() => image.getAttribute('src')).toBe(`/${String(expected).replace(/^\//, '')}`);
	// Loaded: an icon that failed to load has no width.
	await eventually(() =>
		image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
	).toBeGreaterThan(0);
}

/**
 * What the sticky notes of the open workflow do wrong as the canvas draws them: a note whose text
 * does not fit in it (n8n clips it), a note over a node, its name, subtitle or output labels, or
 * over another note. Measured on the page, so it holds whatever the zoom.
 */
async function stickyNoteProblems(): Promise<string[]> {
	const drawn = page.locator('[data-test-id="sticky"], [data-test-id="canvas-node"]');
	return await drawn.evaluateAll((elements) => {
		interface Box {
			left: number;
			top: number;
			right: number;
			bottom: number;
		}
		const boxOf = ({ left, top, right, bottom }: Box): Box => ({ left, top, right, bottom });
		const intersect = (a: Box, b: Box) =>
			a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
		const SHOW_TEXT = 4; // NodeFilter.SHOW_TEXT
		const problems: string[] = [];
		const notes: Array<{ name: string; box: Box }> = [];
		// A node is its square and each text drawn with it, each part named for the report.
		const nodes: Array<{ name: string; parts: Array<{ part: string; box: Box }> }> = [];

		for (const element of elements) {
			const name = String(element.closest('[data-node-name]')?.getAttribute('data-node-name'));
			if (element.getAttribute('data-test-id') === 'sticky') {
				// A note shows its text in a wrapper that clips what does not fit (n8n 1.123 and 2.x).
				const content = element.querySelector(':scope > div') ?? element;
				if (
					content.scrollHeight > content.clientHeight ||
					content.scrollWidth > content.clientWidth
				) {
					problems.push(
						`${name}: its text takes ${content.scrollWidth} × ${content.scrollHeight}, the note shows ${content.clientWidth} × ${content.clientHeight}`,
					);
				}
				notes.push({ name, box: boxOf(element.getBoundingClientRect()) });
				continue;
			}
			// A node: its square, and every text drawn with it (name, subtitle, output labels), as
			// far as the element holding the text shows it (n8n cuts a long subtitle short).
			const document = element.ownerDocument;
			const parts = [{ part: 'its square', box: boxOf(element.getBoundingClientRect()) }];
			const walker = document.createTreeWalker(element, SHOW_TEXT);
			for (let text = walker.nextNode(); text; text = walker.nextNode()) {
				const parent = text.parentElement;
				if (!text.textContent?.trim() || !parent) continue;
				if (parent.closest('[data-test-id="canvas-node-toolbar"]')) continue;
				const style = document.defaultView.getComputedStyle(parent);
				if (style.visibility === 'hidden') continue;
				// Not the trigger's "Execute workflow" button: transparent until the pointer is on
				// the node, then drawn above any note.
				let shownAt = parent;
				while (
					shownAt !== element &&
					document.defaultView.getComputedStyle(shownAt).opacity !== '0'
				)
					shownAt = shownAt.parentElement;
				if (shownAt !== element) continue;
				const clip =
					style.overflow === 'visible' ? undefined : boxOf(parent.getBoundingClientRect());
				const range = document.createRange();
				range.selectNodeContents(text);
				for (const rect of range.getClientRects() as Iterable<Box>) {
					const shown = clip
						? {
								left: Math.max(rect.left, clip.left),
								top: Math.max(rect.top, clip.top),
								right: Math.min(rect.right, clip.right),
								bottom: Math.min(rect.bottom, clip.bottom),
							}
						: boxOf(rect);
					if (shown.right > shown.left && shown.bottom > shown.top)
						parts.push({ part: `"${text.textContent.trim()}"`, box: shown });
				}
			}
			nodes.push({ name, parts });
		}

		for (const [index, note] of notes.entries()) {
			for (const node of nodes) {
				const covered = node.parts.filter(({ box }) => intersect(note.box, box));
				if (covered.length) {
					const what = covered.map(({ part }) => part).join(', ');
					problems.push(`${note.name} covers ${node.name}: ${what}`);
				}
			}
			for (const other of notes.slice(index + 1)) {
				if (intersect(note.box, other.box)) problems.push(`${note.name} covers ${other.name}`);
			}
		}
		return problems;
	});
}

/**
 * Errors the browser logged that come from the package: a resource of the package that did not
 * load, or an error that names the package or Plivo (not the examples' workflow ids, plivoExample…).
 */
function packageErrors(errors: BrowserError[]): BrowserError[] {
	return errors.filter(({ text, url }) => {
		if (/^Failed to load resource/.test(text)) {
			const { pathname, host } = new URL(url);
			// n8n's own look-ups, which fail for every community node: the output schemas the editor
			// looks for (some of n8n's own nodes ship them, most do not), and the npm page of the
			// package the node details panel looks up (this machine has no network).
			if (pathname.startsWith(`/schemas/${PACKAGE}.`)) return false;
			if (host === 'registry.npmjs.org') return false;
			return pathname.includes(PACKAGE);
		}
		return /n8n-nodes-plivo-voice|plivo(?!Example)/i.test(`${text}\n${url}`);
	});
}

describe(`n8n's editor with ${PACKAGE}`, () => {
	it('logs the owner in', async (context) => {
		onFailure(context);
		await page.goto(`${env.instance.url}/signin`);
		await page.locator('input[name="emailOrLdapLoginId"], input[name="email"]').fill(OWNER.email);
		await page.locator('input[name="password"]').fill(OWNER.password);
		await page.keyboard.press('Enter');
		await page.waitForURL((url) => !url.pathname.includes('/signin'));
	});

	it('spots an issues badge and an unknown node (the check below can fail)', async (context) => {
		onFailure(context);
		const workflow = await env.client.createWorkflow({
			name: 'Broken on purpose',
			nodes: [
				{
					id: 'unknown',
					name: 'Unknown',
					type: `${PACKAGE}.doesNotExist`,
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
				},
				{
					id: 'missing',
					name: 'Missing a call',
					type: NODE_TYPE,
					typeVersion: 1,
					position: [300, 0],
					parameters: { resource: 'call', operation: 'get' },
				},
			],
			connections: {},
			settings: {},
		} as never);
		await openWorkflow(workflow.id, workflow.nodes);
		await eventually(() => canvasNodeProblems(canvasNode('Unknown'))).toContain('not installed');
		await expect
			.poll(() => canvasNodeProblems(canvasNode('Missing a call')))
			.toContain('issues badge');
	});

	it('opens every example with every node known, with its icon, and no issues', async (context) => {
		onFailure(context);
		for (const { file, workflow } of loadExamples()) {
			await openWorkflow(workflow.id, workflow.nodes);
			// n8n checks the nodes' parameters and credentials once the workflow has loaded.
			await page.waitForTimeout(1000);
			const problems: string[] = [];
			for (const node of await canvasNodes().all()) {
				const found = await canvasNodeProblems(node);
				if (found.length) {
					problems.push(`${await node.getAttribute('data-node-name')}: ${found.join(', ')}`);
				}
				const type = String(await node.getAttribute('data-node-type'));
				if (type.startsWith(`${PACKAGE}.`)) await expectPackageIcon(node, type);
			}
			expect(problems, file).toEqual([]);
			if (file.startsWith('02-')) await screenshot(SCREENSHOTS.ivr);
		}
	});

	it('shows every example’s sticky notes whole, over no node and no other note', async (context) => {
		onFailure(context);
		const problems: string[] = [];
		for (const { file, workflow } of loadExamples()) {
			await openWorkflow(workflow.id, workflow.nodes);
			const notes = workflow.nodes.filter((node) => node.type === 'n8n-nodes-base.stickyNote');
			await eventually(() => page.locator('[data-test-id="sticky"]').count()).toBe(notes.length);
			// As a user first sees it: the whole workflow in view (n8n fits it on opening; again,
			// in case the opening fit ran before the notes' text was drawn).
			await page.locator('[data-test-id="zoom-to-fit"]').click();
			await page.waitForTimeout(1000);
			problems.push(...(await stickyNoteProblems()).map((problem) => `${file}: ${problem}`));
		}
		expect(problems).toEqual([]);
	});

	it('shows the Plivo Voice node: its resources, operations, a list loaded from Plivo and the credential test', async (context) => {
		onFailure(context);
		const type = await nodeType(NODE_TYPE);
		// A copy: the test changes the node, and n8n 2.x saves changes by itself.
		const example = exampleWorkflow('01-');
		const workflow = await env.client.createWorkflow(copyOf(example, 'Example 1, to change'));
		await openWorkflow(workflow.id, workflow.nodes);
		await openNode('Make a call');
		await eventually(() => parameterValue('resource')).toBe('Call');
		await eventually(() => parameterValue('operation')).toBe('Make');
		await screenshot(SCREENSHOTS.node);

		const resources = await selectOptions('resource');
		expect(resources).toEqual(declaredOptions(type, 'resource'));
		const operations = await selectOptions('operation');
		expect(operations).toEqual(declaredOptions(type, 'operation', 'call'));
		// One Additional Fields serves the Call operations: each is offered only its own fields.
		expect(await additionalFieldsOffered()).toEqual(
			declaredAdditionalFields(type, 'call', 'create'),
		);
		await choose('operation', 'Play Audio');
		expect(await additionalFieldsOffered()).toEqual(
			declaredAdditionalFields(type, 'call', 'playAudio'),
		);

		// "From List" asks Plivo for the conferences going on now.
		env.sandbox.state.conferences.join('Sales standup', { from: '14155550100', to: '14155550199' });
		await choose('resource', 'Conference');
		const conferenceOperations = await selectOptions('operation');
		expect(conferenceOperations).toEqual(declaredOptions(type, 'operation', 'conference'));
		await choose('operation', 'Get');
		const locator = ndv().locator('[data-test-id="resource-locator-conferenceName"]');
		await locator.locator('[data-test-id="rlc-input"]').click();
		const conference = page
			.locator('[data-test-id="rlc-item"]')
			.filter({ hasText: 'Sales standup' });
		await conference.waitFor();
		expect(await page.locator('[data-test-id="rlc-item"]').allInnerTexts()).toEqual([
			'Sales standup',
		]);
		const listed = env.sandbox.requests.find(({ path }) => path.endsWith('/Conference/'));
		expect(listed?.method).toBe('GET');
		await conference.click();
		await eventually(() => locator.locator('[data-test-id="rlc-input"]').inputValue()).toBe(
			'Sales standup',
		);

		// The credential test asks Plivo for the account.
		env.sandbox.reset();
		await ndv().locator('[data-test-id="credential-edit-button"]').click();
		const dialog = page.locator('[data-test-id="credential-edit-dialog"]');
		await dialog.waitFor();
		// The editor tests a saved credential when it opens it; else saving tests it.
		const tested = dialog.locator('[data-test-id="credentials-config-container-test-success"]');
		const save = dialog.locator('[data-test-id="credential-save-button"]');
		await Promise.race([tested.waitFor(), save.waitFor()]);
		if (!(await tested.isVisible())) await save.click();
		await tested.waitFor();
		expect(await tested.innerText()).toContain('Connection tested successfully');
		expect(
			env.sandbox.requests.map(({ method, path, status }) => ({ method, path, status })),
		).toContainEqual({
			method: 'GET',
			path: `/v1/Account/${env.sandbox.account.authId}/`,
			status: 200,
		});
		await page.keyboard.press('Escape');
		await dialog.waitFor({ state: 'hidden' });
		// Escape may close the node's panel with the dialog.
		if (await ndv().isVisible()) await closeNode();
	});

	it('adds a Plivo Voice, a Plivo Voice Trigger and a Plivo XML node from the node search', async (context) => {
		onFailure(context);
		const [voice, trigger, xml] = await Promise.all(
			[NODE_TYPE, TRIGGER_TYPE, XML_TYPE].map((name) => nodeType(name)),
		);
		const workflow = await env.client.createWorkflow({
			name: 'Nodes from the node search',
			nodes: [
				{
					id: 'start',
					name: 'Start',
					type: 'n8n-nodes-base.manualTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
				},
			],
			connections: {},
			settings: {},
		} as never);
		await openWorkflow(workflow.id, workflow.nodes);

		const creator = page.locator('[data-test-id="node-creator"]');
		const search = async (text: string) => {
			await page.locator('[data-test-id="node-creator-plus-button"]').click();
			await creator.locator('[data-test-id="node-creator-search-bar"]').fill(text);
		};
		/** The entries the node search lists: name, description and icon. */
		const entries = async () =>
			await creator.locator('[data-test-id="node-creator-item-name"]').evaluateAll((names) =>
				names.map((name) => {
					// The entry: the closest element around the name that also holds the icon.
					let item = name;
					for (let level = 0; level < 6 && item.parentElement; level++) {
						item = item.parentElement;
						if (item.querySelector('.n8n-node-icon')) break;
					}
					return {
						name: name.textContent?.trim(),
						description: item
							.querySelector('[data-test-id="node-creator-item-description"]')
							?.textContent?.trim(),
						icon: item.querySelector('.n8n-node-icon img')?.getAttribute('src'),
					};
				}),
			);
		const icon = (type: INodeTypeDescription) =>
			`/${String(typeof type.iconUrl === 'string' ? type.iconUrl : type.iconUrl?.light).replace(/^\//, '')}`;

		// n8n 1.123 lists search results without descriptions (its own nodes' too).
		const described = (description: string | undefined) => (line === '1' ? undefined : description);
		/**
		 * A description in the details n8n shows above an entry's actions, not in the list, which
		 * n8n 2.x keeps in the page under them.
		 */
		const details = (description: string) =>
			creator
				.getByText(description, { exact: true })
				.and(page.locator(':not([data-test-id="node-creator-item-description"])'));

		await search('Plivo');
		await eventually(entries).toEqual(
			expect.arrayContaining([
				{ name: xml.displayName, description: described(xml.description), icon: icon(xml) },
			]),
		);
		const listed = await entries();
		// n8n lists a node and its trigger as one entry, under the node's name, and describes it with
		// the trigger's description (useActionsGeneration.ts, generateMergedNodesAndActions): the
		// entry shows the node's description only when its trigger has the same one.
		const voiceEntry = listed.find(({ name }) => name === voice.displayName);
		expect(voiceEntry?.icon).toBe(icon(voice));
		expect(voiceEntry?.description).toBe(described(voice.description));
		await screenshot(SCREENSHOTS.search);

		// Plivo Voice: its entry lists the operations as actions ("Make a call"), and its trigger.
		await creator
			.locator('[data-test-id="node-creator-item-name"]')
			.filter({ hasText: new RegExp(`^${voice.displayName}$`) })
			.click();
		// Its actions, under the entry's details (n8n 1.123 shows its description only here).
		await details(voice.description).waitFor();
		await creator
			.locator('[data-test-id="node-creator-item-name"]')
			.filter({ hasText: /^Make a call$/ })
			.click();
		await ndv().waitFor();
		await eventually(() => parameterValue('operation')).toBe('Make');
		await closeNode();
		await eventually(() => page.locator(`[data-node-type="${NODE_TYPE}"]`).count()).toBe(1);
		await expectPackageIcon(
			page.locator(`[data-test-id="canvas-node"][data-node-type="${NODE_TYPE}"]`),
			NODE_TYPE,
		);
		// A node added now is the latest version (nodes/PlivoVoice/versions.ts), as saved.
		await page.keyboard.press('ControlOrMeta+s');
		await eventually(
			async () =>
				(await env.client.getWorkflow(workflow.id)).nodes.find((node) => node.type === NODE_TYPE)
					?.typeVersion,
		).toBe(LATEST_PLIVO_VOICE_VERSION);

		await search('Plivo Voice Trigger');
		await creator
			.locator('[data-test-id="node-creator-item-name"]')
			.filter({ hasText: new RegExp(`^${voice.displayName}( Trigger)?$`) })
			.first()
			.click();
		// The trigger's events, under the same details: the trigger's description.
		await details(trigger.description).waitFor();
		const triggers = creator
			.locator('[data-test-id="node-creator-category-item"]')
			.filter({ hasText: /Triggers/ });
		if (await triggers.count()) await triggers.first().click();
		await creator
			.locator('[data-test-id="node-creator-item-name"]')
			.filter({ hasText: /^On / })
			.first()
			.click();
		await ndv().waitFor();
		await closeNode();
		await eventually(() => page.locator(`[data-node-type="${TRIGGER_TYPE}"]`).count()).toBe(1);
		await expectPackageIcon(
			page.locator(`[data-test-id="canvas-node"][data-node-type="${TRIGGER_TYPE}"]`),
			TRIGGER_TYPE,
		);

		await search(xml.displayName);
		await creator
			.locator('[data-test-id="node-creator-item-name"]')
			.filter({ hasText: new RegExp(`^${xml.displayName}$`) })
			.click();
		// n8n 2.x shows the node's details first, n8n 1.123 adds it at once.
		const add = creator.getByRole('button', { name: 'Add to workflow' });
		await Promise.race([ndv().waitFor(), add.waitFor()]);
		if (await add.isVisible()) await add.click();
		await ndv().waitFor();
		await screenshot(SCREENSHOTS.xml);
		await closeNode();
		await eventually(() => page.locator(`[data-node-type="${XML_TYPE}"]`).count()).toBe(1);
		await expectPackageIcon(
			page.locator(`[data-test-id="canvas-node"][data-node-type="${XML_TYPE}"]`),
			XML_TYPE,
		);
	});

	it('runs example 1 from the canvas and shows the call detail record in the output panel', async (context) => {
		onFailure(context);
		env.sandbox.reset();
		const workflow = exampleWorkflow('01-');
		await openWorkflow(workflow.id, workflow.nodes);
		await page.locator('[data-test-id="execute-workflow-button"]').click();
		const last = canvasNode('Get the CDR');
		await last.locator('[data-test-id="canvas-node-status-success"]').waitFor({ timeout: 60_000 });
		// The CDR of the call the run made and hung up.
		const hangup = env.sandbox.requests.find(({ method }) => method === 'DELETE');
		const callUuid = /\/Call\/([\w-]+)\/$/.exec(String(hangup?.path))?.[1];
		expect(callUuid).toBeTruthy();
		await openNode('Get the CDR');
		const output = ndv().locator('[data-test-id="output-panel"]');
		await eventually(() => output.innerText()).toContain(String(callUuid));
		expect(await output.innerText()).toContain('1 item');
		await closeNode();
	});

	it('runs the IVR of example 2 on an inbound call and shows the execution', async (context) => {
		onFailure(context);
		env.sandbox.reset();
		const workflow = exampleWorkflow('02-');
		await env.client.activateWorkflow(workflow.id);
		try {
			const [application] = env.sandbox.state.applications.applications.values();
			const call = env.sandbox.receiveInboundCall({
				from: '14155550123',
				to: '14155550100',
				appId: application.app_id,
			});
			await env.sandbox.state.callbacks.idle();
			await env.sandbox.enterDigits(call.call_uuid, '1');
			let executions: Array<{ id: string; status: string }> = [];
			await eventually(async () => {
				executions = (await env.client.executionsOf(workflow.id)) as typeof executions;
				return executions.map(({ status }) => status);
			}).toEqual(['success', 'success']);
			await page.goto(`${env.instance.url}/workflow/${workflow.id}/executions/${executions[0].id}`);
			// The execution is shown in a preview of the workflow, each node run marked: on the page
			// (n8n 2.x) or in a frame (n8n 1.123).
			const succeeded = async () =>
				(await page.locator('[data-test-id="canvas-node-status-success"]').count()) +
				(await page
					.frameLocator('iframe')
					.locator('[data-test-id="canvas-node-status-success"]')
					.count());
			await eventually(succeeded).toBe(3);
			// n8n 2.x opens its "Production Checklist" on a workflow's first activation, over the
			// executions list.
			const checklist = page.getByText('Production Checklist', { exact: true });
			await checklist.waitFor({ timeout: 3000 }).catch(() => undefined);
			if (await checklist.isVisible()) {
				await page.keyboard.press('Escape');
				await checklist.waitFor({ state: 'hidden', timeout: 3000 }).catch(() => undefined);
			}
			await page.waitForTimeout(1000);
			await screenshot(SCREENSHOTS.ivrExecution);
		} finally {
			await env.client.deactivateWorkflow(workflow.id);
		}
	});

	it('shows the trigger and its webhook URLs', async (context) => {
		onFailure(context);
		const workflow = exampleWorkflow('02-');
		const trigger = workflow.nodes.find(({ type }) => type === TRIGGER_TYPE)!;
		await openWorkflow(workflow.id, workflow.nodes);
		await openNode(trigger.name);
		await ndv().getByText('Webhook URLs').click();
		// The address n8n calls the trigger at: n8n 2.x shows its webhook URL setting (127.0.0.1),
		// n8n 1.123 the editor's address (localhost); both are this instance.
		const instance = new URL(env.instance.url);
		const url = (kind: string) => `/${kind}/${String(trigger.webhookId)}/webhook`;
		const shown = async () => {
			const text = await ndv()
				.getByText(/^http:\/\/\S+\/webhook(-test)?\/\S+$/)
				.filter({ visible: true })
				.first()
				.textContent();
			const address = new URL(String(text?.trim()));
			expect(address.port).toBe(instance.port);
			expect(['127.0.0.1', 'localhost']).toContain(address.hostname);
			return address.pathname;
		};
		await eventually(shown).toBe(url('webhook-test'));
		await screenshot(SCREENSHOTS.trigger);
		await ndv().locator('[data-test-id="radio-button-production"]').click();
		await eventually(shown).toBe(url('webhook'));
		await closeNode();
	});

	it('logs no browser error that comes from the package', () => {
		expect(packageErrors(browser.errors)).toEqual([]);
	});

	it('has the README show every screenshot the tests take', () => {
		const readme = readFileSync(README, 'utf8');
		const shown = Object.values(SCREENSHOTS).filter((name) =>
			readme.includes(`](.github/images/${name})`),
		);
		expect(shown).toEqual(Object.values(SCREENSHOTS));
		const committed = Object.values(SCREENSHOTS).filter((name) =>
			existsSync(join(SCREENSHOTS_DIR, name)),
		);
		expect(committed).toEqual(Object.values(SCREENSHOTS));
	});
});
