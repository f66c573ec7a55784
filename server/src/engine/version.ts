// The tool's name and version (the build defines __VERSION__ from package.json).
export const TOOL_NAME = 'docker-security-lint';
declare const __VERSION__: string | undefined;
export const TOOL_VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.1.0';
