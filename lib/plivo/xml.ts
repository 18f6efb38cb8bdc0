/**
 * Checks a document before it is sent to Plivo as an answer: well-formed XML 1.0 (written here,
 * as node code takes no runtime dependencies), a `<Response>` root, only Plivo's verbs directly
 * under it, and Plivo's size limit. Plivo would refuse anything else and hang up or go to the
 * fallback URL; the node says what is wrong instead.
 */

/** Elements Plivo accepts directly under `<Response>`. */
export const PLIVO_VERBS = [
	'Conference',
	'DTMF',
	'Dial',
	'GetDigits',
	'GetInput',
	'Hangup',
	'MultiPartyCall',
	'Play',
	'PreAnswer',
	'Record',
	'Redirect',
	'Speak',
	'Stream',
	'Wait',
];

/** Plivo reads at most 100 KB of XML from an answer URL. */
export const MAX_XML_BYTES = 100 * 1024;

const PREDEFINED_ENTITIES = ['lt', 'gt', 'amp', 'apos', 'quot'];

const NAME_START =
	':A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
// The combining marks (U+0300–U+036F) come first: after another character, eslint's
// no-misleading-character-class would read them as combined with it.
const NAME_CHAR = `\\u0300-\\u036F${NAME_START}\\-.0-9\\u00B7\\u203F-\\u2040`;
/** XML 1.0 `Name`, matched at a position (sticky). */
const NAME = new RegExp(`[${NAME_START}][${NAME_CHAR}]*`, 'uy');
/** A character XML 1.0 does not allow anywhere (`Char` production), lone surrogates included. */
const INVALID_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const XML_DECLARATION =
	/<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(["'])1\.[0-9]+\1([ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(["'])[A-Za-z][A-Za-z0-9._-]*\3)?([ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(["'])(yes|no)\5)?[ \t\r\n]*\?>/y;

class XmlSyntaxError extends Error {
	constructor(
		message: string,
		readonly position: number,
	) {
		super(message);
	}
}

/** A character as messages name it: `U+0007`. */
function codePointOf(char: string): string {
	return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

function isSpace(char: string | undefined): boolean {
	return char === ' ' || char === '\t' || char === '\n' || char === '\r';
}

function isValidCodePoint(code: number): boolean {
	return (
		code === 0x9 ||
		code === 0xa ||
		code === 0xd ||
		(code >= 0x20 && code <= 0xd7ff) ||
		(code >= 0xe000 && code <= 0xfffd) ||
		(code >= 0x10000 && code <= 0x10ffff)
	);
}

interface OpenElement {
	name: string;
	position: number;
}

/** A single pass over the document; throws XmlSyntaxError at the first problem. */
class PlivoXmlReader {
	private position = 0;
	private readonly open: OpenElement[] = [];

	constructor(private readonly text: string) {}

	read(): void {
		const invalid = INVALID_CHAR.exec(this.text);
		if (invalid) {
			throw new XmlSyntaxError(
				`the character ${codePointOf(invalid[0])} is not allowed in XML`,
				invalid.index,
			);
		}
		if (this.text.startsWith('\uFEFF')) this.position = 1;
		if (this.text.startsWith('<?xml', this.position) && isSpace(this.text[this.position + 5])) {
			XML_DECLARATION.lastIndex = this.position;
			if (!XML_DECLARATION.exec(this.text))
				throw this.error('the XML declaration is malformed (expected <?xml version="1.0"?>)');
			this.position = XML_DECLARATION.lastIndex;
		}
		this.readMisc('before');
		if (this.position >= this.text.length)
			throw this.error('the document has no root element: Plivo expects <Response>…</Response>');
		if (this.text.startsWith('<!DOCTYPE', this.position))
			throw this.error('a DOCTYPE is not allowed in Plivo XML');
		this.readElements();
		this.readMisc('after');
	}

	private error(message: string, at = this.position): XmlSyntaxError {
		return new XmlSyntaxError(message, at);
	}

	/** Comments, processing instructions and white space around the root element. */
	private readMisc(where: 'before' | 'after'): void {
		while (this.position < this.text.length) {
			const char = this.text[this.position];
			if (isSpace(char)) this.position++;
			else if (this.text.startsWith('<!--', this.position)) this.readComment();
			else if (this.text.startsWith('<?', this.position)) this.readProcessingInstruction();
			else if (where === 'after' && char === '<' && this.text[this.position + 1] !== '!') {
				throw this.error('only one root element is allowed: everything must be inside <Response>');
			} else if (where === 'before' && char === '<' && this.text[this.position + 1] !== '!') return;
			else if (where === 'before' && this.text.startsWith('<!DOCTYPE', this.position)) return;
			else
				throw this.error(
					`text ${where === 'before' ? 'before' : 'after'} the root element is not allowed`,
				);
		}
	}

	private readComment(): void {
		const start = this.position;
		const dashes = this.text.indexOf('--', start + 4);
		if (dashes < 0) throw this.error('a comment is not closed with -->', start);
		if (this.text[dashes + 2] !== '>')
			throw this.error('"--" is not allowed inside a comment', dashes);
		this.position = dashes + 3;
	}

	private readProcessingInstruction(): void {
		const start = this.position;
		this.position += 2;
		const target = this.readName('a processing instruction');
		if (target.toLowerCase() === 'xml')
			throw this.error('the XML declaration is only allowed at the very start', start);
		const end = this.text.indexOf('?>', this.position);
		if (end < 0) throw this.error('a processing instruction is not closed with ?>', start);
		if (end > this.position && !isSpace(this.text[this.position]))
			throw this.error('a space must follow the processing instruction name');
		this.position = end + 2;
	}

	private readName(what: string): string {
		NAME.lastIndex = this.position;
		const match = NAME.exec(this.text);
		if (!match) throw this.error(`${what} needs a valid name here`);
		this.position = NAME.lastIndex;
		return match[0];
	}

	private skipSpaces(): boolean {
		const start = this.position;
		while (isSpace(this.text[this.position])) this.position++;
		return this.position > start;
	}

	/** `&lt;`, `&#65;`, `&#x41;`: the only references possible without a DTD. */
	private readReference(): void {
		const start = this.position;
		const end = this.text.indexOf(';', start);
		const body = end < 0 ? '' : this.text.slice(start + 1, end);
		let valid = false;
		if (/^#[0-9]+$/.test(body)) valid = isValidCodePoint(Number(body.slice(1)));
		else if (/^#x[0-9A-Fa-f]+$/.test(body)) valid = isValidCodePoint(parseInt(body.slice(2), 16));
		else valid = PREDEFINED_ENTITIES.includes(body);
		if (!valid) {
			let problem = `"&${body};" is not a known entity (use &lt; &gt; &amp; &apos; &quot; or a character reference)`;
			if (end < 0 || body === '' || /[\s<&]/.test(body))
				problem = '"&" must be written &amp; (or start a reference such as &lt;)';
			else if (body.startsWith('#'))
				problem = `"&${body};" does not refer to a character XML allows`;
			throw this.error(problem, start);
		}
		this.position = end + 1;
	}

	private readAttributes(): void {
		const seen = new Set<string>();
		for (;;) {
			const spaced = this.skipSpaces();
			const char = this.text[this.position];
			if (char === '>' || char === '/' || char === undefined) return;
			if (!spaced) throw this.error('attributes must be separated by spaces');
			const nameAt = this.position;
			const name = this.readName('an attribute');
			if (seen.has(name)) throw this.error(`the attribute "${name}" appears twice`, nameAt);
			seen.add(name);
			this.skipSpaces();
			if (this.text[this.position] !== '=')
				throw this.error(`the attribute "${name}" needs ="value"`);
			this.position++;
			this.skipSpaces();
			const quote = this.text[this.position];
			if (quote !== '"' && quote !== "'")
				throw this.error(`the value of "${name}" must be in quotes`);
			this.position++;
			for (;;) {
				const next = this.text[this.position];
				if (next === undefined)
					throw this.error(`the value of "${name}" is not closed with ${quote}`, nameAt);
				if (next === quote) break;
				if (next === '<')
					throw this.error(`"<" is not allowed in the value of "${name}" (write &lt;)`);
				if (next === '&') this.readReference();
				else this.position++;
			}
			this.position++;
		}
	}

	private readStartTag(): void {
		const start = this.position;
		this.position++;
		const name = this.readName('an element');
		this.checkPlivoElement(name, start);
		this.readAttributes();
		if (this.text.startsWith('/>', this.position)) {
			this.position += 2;
			return;
		}
		if (this.text[this.position] !== '>')
			throw this.error(`the tag <${name}> is not closed with >`, start);
		this.position++;
		this.open.push({ name, position: start });
	}

	private checkPlivoElement(name: string, at: number): void {
		if (this.open.length === 0 && name !== 'Response') {
			throw this.error(`the root element must be <Response>, not <${name}>`, at);
		}
		if (this.open.length === 1 && !PLIVO_VERBS.includes(name)) {
			throw this.error(
				`<${name}> is not a Plivo XML element that may stand directly inside <Response> (allowed: ${PLIVO_VERBS.join(', ')})`,
				at,
			);
		}
	}

	private readEndTag(): void {
		const start = this.position;
		this.position += 2;
		const name = this.readName('a closing tag');
		this.skipSpaces();
		if (this.text[this.position] !== '>')
			throw this.error(`the closing tag </${name}> is not closed with >`, start);
		this.position++;
		const element = this.open.pop();
		if (!element) throw this.error(`</${name}> closes nothing`, start);
		if (element.name !== name) {
			const { line, column } = lineAndColumn(this.text, element.position);
			throw this.error(
				`</${name}> found where </${element.name}> (opened at line ${line}, column ${column}) must be closed`,
				start,
			);
		}
	}

	/** The root element and everything inside it, without recursion (deep nesting cannot overflow). */
	private readElements(): void {
		this.readStartTag();
		while (this.open.length > 0) {
			if (this.position >= this.text.length) {
				const element = this.open[this.open.length - 1];
				throw this.error(`<${element.name}> is not closed`, element.position);
			}
			const char = this.text[this.position];
			if (char === '<') {
				if (this.text.startsWith('</', this.position)) this.readEndTag();
				else if (this.text.startsWith('<!--', this.position)) this.readComment();
				else if (this.text.startsWith('<![CDATA[', this.position)) {
					const end = this.text.indexOf(']]>', this.position + 9);
					if (end < 0) throw this.error('a CDATA section is not closed with ]]>');
					this.position = end + 3;
				} else if (this.text.startsWith('<?', this.position)) this.readProcessingInstruction();
				else if (this.text.startsWith('<!', this.position))
					throw this.error('"<!" may only start a comment or a CDATA section here');
				else this.readStartTag();
			} else if (char === '&') this.readReference();
			else if (this.text.startsWith(']]>', this.position))
				throw this.error('"]]>" is not allowed in text (write ]]&gt;)');
			else this.position++;
		}
	}
}

function lineAndColumn(text: string, position: number): { line: number; column: number } {
	const before = text.slice(0, position);
	const line = before.split('\n').length;
	const column = position - before.lastIndexOf('\n');
	return { line, column };
}

/**
 * What is wrong with a document meant as Plivo's answer, as a sentence with the line and
 * column; nothing when Plivo can take it.
 */
export function plivoXmlProblem(document: unknown): string | undefined {
	if (typeof document !== 'string' || document.trim() === '') {
		return 'the XML is empty: Plivo expects a document such as <Response><Speak>Hello</Speak></Response>';
	}
	const bytes = Buffer.byteLength(document, 'utf8');
	if (bytes > MAX_XML_BYTES)
		return `the XML has ${bytes} bytes; Plivo reads at most ${MAX_XML_BYTES} (100 KB)`;
	let failure: unknown;
	try {
		new PlivoXmlReader(document).read();
	} catch (error) {
		failure = error;
	}
	if (failure instanceof XmlSyntaxError) {
		const { line, column } = lineAndColumn(document, failure.position);
		return `line ${line}, column ${column}: ${failure.message}`;
	}
	if (failure !== undefined) throw failure;
	return undefined;
}

/** Characters XML 1.0 cannot hold at all, not even as a reference; lone surrogates included. */
const UNREPRESENTABLE = new RegExp(INVALID_CHAR.source, 'gu');

/** The first character XML cannot hold, as `U+0007`; nothing when every character is allowed. */
export function firstCharacterXmlRefuses(value: string): string | undefined {
	const match = INVALID_CHAR.exec(value);
	return match ? codePointOf(match[0]) : undefined;
}

/**
 * A value as the text of an element: parsed back, it is exactly the value. `>` is escaped too
 * (so that `]]>` cannot appear), and CR as a reference (a parser turns a raw CR into LF).
 * Characters XML cannot hold become U+FFFD.
 */
export function escapeXmlText(value: string): string {
	return value
		.replace(UNREPRESENTABLE, '\uFFFD')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/\r/g, '&#13;');
}

/**
 * A value as an attribute value, in either quotes: parsed back, it is exactly the value (tabs and
 * line breaks as references, which attribute-value normalization would turn into spaces).
 */
export function escapeXmlAttribute(value: string): string {
	return escapeXmlText(value)
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;')
		.replace(/\t/g, '&#9;')
		.replace(/\n/g, '&#10;');
}

/** A piece of an n8n expression template: literal text, or the code between `{{` and `}}`. */
export interface TemplateChunk {
	type: 'text' | 'code';
	text: string;
}

/** Where an expression stands in the XML written around it. */
type HoleContext =
	| 'text'
	| 'attribute'
	| 'cdata'
	| 'reference'
	| 'markup'
	| 'comment'
	| 'instruction';

/** Stands for an expression while the template's own XML is read: never valid in XML. */
const HOLE = '\u0000';

/**
 * Where each expression of a template stands, read from the template's own XML (every
 * expression replaced by HOLE). The reading follows XML's tokens: tags, quoted attribute values,
 * comments, CDATA sections, processing instructions and references.
 */
function holeContexts(skeleton: string): HoleContext[] {
	const contexts: HoleContext[] = [];
	type State =
		| 'text'
		| 'tag'
		| 'attribute'
		| 'comment'
		| 'cdata'
		| 'instruction'
		| 'declaration'
		| 'reference';
	let state = 'text' as State;
	let quote = '';
	let referenceOf: 'text' | 'attribute' = 'text';
	let at = 0;
	const next = (to: State, length: number) => {
		state = to;
		at += length;
	};
	while (at < skeleton.length) {
		const char = skeleton[at];
		if (char === HOLE) {
			contexts.push(state === 'tag' || state === 'declaration' ? 'markup' : state);
			at++;
			continue;
		}
		switch (state) {
			case 'text':
				if (skeleton.startsWith('<!--', at)) next('comment', 4);
				else if (skeleton.startsWith('<![CDATA[', at)) next('cdata', 9);
				else if (skeleton.startsWith('<?', at)) next('instruction', 2);
				else if (skeleton.startsWith('<!', at)) next('declaration', 2);
				else if (char === '<') next('tag', 1);
				else if (char === '&') {
					referenceOf = 'text';
					next('reference', 1);
				} else at++;
				break;
			case 'tag':
				if (char === '"' || char === "'") {
					quote = char;
					next('attribute', 1);
				} else if (char === '>') next('text', 1);
				else at++;
				break;
			case 'attribute':
				if (char === quote) next('tag', 1);
				else if (char === '&') {
					referenceOf = 'attribute';
					next('reference', 1);
				} else at++;
				break;
			case 'reference':
				// A reference ends at ";" (or, malformed, at whatever cannot be in one: the check of the
				// finished document reports that).
				if (char === ';') next(referenceOf, 1);
				else if (/[\s<&"']/.test(char)) state = referenceOf;
				else at++;
				break;
			case 'comment':
				if (skeleton.startsWith('-->', at)) next('text', 3);
				else at++;
				break;
			case 'cdata':
				if (skeleton.startsWith(']]>', at)) next('text', 3);
				else at++;
				break;
			case 'instruction':
				if (skeleton.startsWith('?>', at)) next('text', 2);
				else at++;
				break;
			case 'declaration':
				if (char === '>') next('text', 1);
				else at++;
				break;
		}
	}
	return contexts;
}

export class XmlTemplateError extends Error {}

const MISPLACED: Record<Exclude<HoleContext, 'text' | 'attribute' | 'cdata'>, string> = {
	markup:
		'inside a tag, outside the quotes of an attribute value (an element or attribute name cannot come from an expression; put a value in quotes: loop="{{ … }}")',
	reference: 'inside an entity reference such as &amp;',
	comment: 'inside a comment',
	instruction: 'inside a processing instruction',
};

function asText(value: unknown): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'object') return JSON.stringify(value);
	return String(value);
}

/**
 * Builds an XML document from a template whose expressions stand in element text or attribute
 * values: each expression's result is escaped for where it stands, so that no value can add,
 * remove or change an element or attribute, whatever it holds. The XML written around the
 * expressions is taken as it is (and checked afterwards, with the values in place).
 *
 * Throws XmlTemplateError for an expression anywhere else (a tag or attribute name, a comment…).
 */
export function fillXmlTemplate(
	chunks: TemplateChunk[],
	evaluate: (code: string, index: number) => unknown,
): string {
	const literal = chunks
		.filter((chunk) => chunk.type === 'text')
		.map((chunk) => chunk.text)
		.join('');
	if (literal.includes(HOLE))
		throw new XmlTemplateError('the character U+0000 is not allowed in XML');
	const contexts = holeContexts(
		chunks.map((chunk) => (chunk.type === 'text' ? chunk.text : HOLE)).join(''),
	);
	let hole = 0;
	return chunks
		.map((chunk) => {
			if (chunk.type === 'text') return chunk.text;
			const index = hole++;
			const context = contexts[index];
			const code = chunk.text.trim();
			if (context !== 'text' && context !== 'attribute' && context !== 'cdata') {
				throw new XmlTemplateError(
					`the expression {{ ${code} }} stands ${MISPLACED[context]}: an expression may only give the text of an element or the value of an attribute`,
				);
			}
			const value = asText(evaluate(chunk.text, index));
			if (context === 'attribute') return escapeXmlAttribute(value);
			const text = escapeXmlText(value);
			// In a CDATA section: closed before the value and opened again after it, so that nothing the
			// value holds, nor what stands around it, can end the section elsewhere.
			return context === 'cdata' ? `]]>${text}<![CDATA[` : text;
		})
		.join('');
}
