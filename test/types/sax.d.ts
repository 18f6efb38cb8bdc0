/**
 * The part of sax's API the sandbox and tests use. sax (strict mode) is the XML parser behind
 * xml2js, which the devDependencies plivo and n8n-workflow install; it ships no types.
 */
declare module 'sax' {
	export interface Tag {
		name: string;
		attributes: Record<string, string>;
	}

	export interface SAXParser {
		line: number;
		column: number;
		onerror: (error: Error) => void;
		onopentag: (tag: Tag) => void;
		onclosetag: (name: string) => void;
		write(chunk: string): SAXParser;
		close(): SAXParser;
	}

	export function parser(strict: boolean, options?: Record<string, unknown>): SAXParser;
}
