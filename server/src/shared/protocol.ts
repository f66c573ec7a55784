// What the VS Code client and the language server agree on: command ids, the fix-all code action kind, the file
// names the extension watches and lints, the web client's file requests, and where rule documentation lives. Pure
// constants: the client bundles import this module and shared/read.ts (decoding), nothing else from the server. (package.json's activation events cannot import it; a
// test checks them against FILE_NAME_GLOBS.)

/** The `source.fixAll` kind of this extension's fix-all code action. */
export const FIX_ALL_KIND = 'source.fixAll.docker-security-lint';

/** Commands the user runs (registered by the client). */
export const CLIENT_COMMANDS = {
  scan: 'docker-security-lint.scanWorkspace',
  fixFile: 'docker-security-lint.fixAllInFile',
  showDocs: 'docker-security-lint.showRuleDocs',
} as const;

/** Commands the client registers for the server's code actions (not contributed: not in the command palette). */
export const INTERNAL_CLIENT_COMMANDS = {
  /** Selects a range, e.g. the reason placeholder a suppression quick fix wrote. */
  select: 'docker-security-lint.selectRange',
} as const;

/**
 * Server-side command ids. The client forwards its commands to these; the language client also registers every
 * advertised server command in VS Code, so the ids must differ from the client's.
 */
export const SERVER_COMMANDS = {
  scan: 'docker-security-lint.server.scanWorkspace',
  fixFile: 'docker-security-lint.server.fixAllInFile',
} as const;

/** File names (globs on the base name) of Dockerfiles and Compose files found without looking inside them. */
export const DOCKERFILE_NAME_GLOBS = [
  'Dockerfile',
  'Dockerfile.*',
  '*.Dockerfile',
  '*.dockerfile',
  'Containerfile',
  'Containerfile.*',
];
export const COMPOSE_NAME_GLOBS = [
  'compose.yaml',
  'compose.yml',
  'compose.*.yaml',
  'compose.*.yml',
  'docker-compose.yaml',
  'docker-compose.yml',
  'docker-compose.*.yaml',
  'docker-compose.*.yml',
  'docker-compose-*.yaml',
  'docker-compose-*.yml',
  'compose-*.yaml',
  'compose-*.yml',
  '*.compose.yaml',
  '*.compose.yml',
  '*-compose.yaml',
  '*-compose.yml',
];
export const CONFIG_FILE_NAMES = ['.docker-security-lint.yaml', '.docker-security-lint.yml'];
export const FILE_NAME_GLOBS = [...DOCKERFILE_NAME_GLOBS, ...COMPOSE_NAME_GLOBS];
/** Dev container configurations: globs on the path's end (a `devcontainer.json` elsewhere is not one). */
export const DEVCONTAINER_GLOBS = [
  '.devcontainer.json',
  '.devcontainer/devcontainer.json',
  '.devcontainer/*/devcontainer.json',
];
/** The Docker daemon's configuration: daemon.json (told from other tools' by its keys) and systemd drop-ins. */
export const DAEMON_GLOBS = ['daemon.json', 'docker.service', 'docker.service.d/*.conf'];
/** GitHub Actions workflows: their run steps, job containers and service containers. */
export const WORKFLOW_GLOBS = ['.github/workflows/*.yml', '.github/workflows/*.yaml'];
/** GitHub composite actions: the `run:` steps of an action's metadata file (in any folder). */
export const ACTION_GLOBS = ['action.yml', 'action.yaml'];
/** GitLab CI files: the jobs' script lines (`.gitlab-ci.yml`, and `<name>.gitlab-ci.yml` as included ones are named). */
export const GITLAB_CI_GLOBS = ['.gitlab-ci.yml', '.gitlab-ci.yaml', '*.gitlab-ci.yml', '*.gitlab-ci.yaml'];
/** Files of command lines that start containers: scripts, Makefiles, justfiles, workflows, Markdown (code blocks). */
export const RUN_GLOBS = [
  '*.sh',
  '*.bash',
  '.bashrc',
  '.bash_profile',
  '.bash_login',
  '.bash_aliases',
  '.profile',
  'Makefile',
  'makefile',
  'GNUmakefile',
  '*.mk',
  'justfile',
  'Justfile',
  '.justfile',
  '*.just',
  ...WORKFLOW_GLOBS,
  ...ACTION_GLOBS,
  ...GITLAB_CI_GLOBS,
  '*.md',
  '*.markdown',
];
/** Every file the extension lints without being asked (each glob matched in any folder). */
export const LINTED_GLOBS = [...FILE_NAME_GLOBS, ...DEVCONTAINER_GLOBS, ...DAEMON_GLOBS, ...RUN_GLOBS];
/**
 * Files whose presence activates the extension: every linted file but scripts, Makefiles and Markdown, which
 * nearly every repository has (the extension activates on the shell script and Makefile languages instead).
 */
export const ACTIVATION_GLOBS = [
  ...FILE_NAME_GLOBS,
  ...DEVCONTAINER_GLOBS,
  ...DAEMON_GLOBS,
  ...WORKFLOW_GLOBS,
  ...ACTION_GLOBS,
  ...GITLAB_CI_GLOBS,
];

/**
 * Files (and folders) an analysis reads besides the linted file, whose changes re-lint the files that depend on
 * them: `.env` (interpolation), ignore files, and what a build context must not let into an image (the names the
 * engine's vocabulary/context.ts knows; a test checks that every one of them is watched).
 */
export const DEPENDENCY_NAME_GLOBS = [
  '*.baseline.json',
  '.env',
  '.env.*',
  '.dockerignore',
  '*.dockerignore',
  '*.pem',
  '*.key',
  '*.p12',
  '*.pfx',
  'id_rsa*',
  'id_dsa*',
  'id_ecdsa*',
  'id_ed25519*',
  '.npmrc',
  '.pypirc',
  '.netrc',
  '.git-credentials',
  '.git',
  '.aws',
  '.ssh',
];

/** The watcher glob: every lintable file, the config files and the files analyses depend on, in any folder. */
export const WATCH_GLOB = `**/{${[...LINTED_GLOBS, ...CONFIG_FILE_NAMES, ...DEPENDENCY_NAME_GLOBS].join(',')}}`;
/**
 * Creations and deletions of anything (folders included): VS Code reports a folder deleted or created as one event
 * on the folder. The server looks at folders only; change events are not asked for.
 */
export const FOLDER_WATCH_GLOB = '**/*';
/** The config files, which the client also hands to the server (for their problems and completion). */
export const CONFIG_DOCUMENT_PATTERN = `**/{${CONFIG_FILE_NAMES.join(',')}}`;
/** Compose files the editor may not know as `dockercompose` (a YAML file by any of the names above). */
export const COMPOSE_DOCUMENT_PATTERN = `**/{${COMPOSE_NAME_GLOBS.join(',')}}`;

/** devcontainer.json files, which VS Code opens as JSON with comments (`jsonc`); no claim on other JSON files. */
export const DEVCONTAINER_DOCUMENT_PATTERN = `**/{${DEVCONTAINER_GLOBS.join(',')}}`;

/** The daemon's configuration files (the server tells dockerd's daemon.json from others by its content). */
export const DAEMON_DOCUMENT_PATTERN = `**/{${DAEMON_GLOBS.join(',')}}`;
/** Scripts, Makefiles, workflows and Markdown by name (a script named otherwise comes by its language). */
export const RUN_DOCUMENT_PATTERN = `**/{${RUN_GLOBS.join(',')}}`;
/**
 * Dockerfile variants no editor takes for Dockerfiles (`Dockerfile-prod`, `dev-Dockerfile`): the server lints such
 * a document when it starts like a Dockerfile.
 */
export const DOCKERFILE_VARIANT_DOCUMENT_PATTERN =
  '**/{Dockerfile[-_]*,Containerfile[-_]*,*[-_]Dockerfile,*[-_]Containerfile}';

/** Where a rule's documentation page lives on the web (the same Markdown ships in docs/rules/). */
export const DOCS_BASE = 'https://github.com/docker-security-lint/docker-security-lint/blob/main/docs/rules/';
export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE}${ruleId}.md`;
}

/** Every file the workspace scan lints, as one glob (the web host asks the editor for these). */
export const LINTED_FILES_GLOB = `**/{${LINTED_GLOBS.join(',')}}`;

/**
 * Requests the web language server sends to the client, which answers them through `vscode.workspace.fs` and
 * `vscode.workspace.findFiles` (a server in a web worker has no file system of its own). Reads are bounded by the
 * client before the bytes are read (by the size the file system reports) and after (by the bytes it got).
 */
export const FILE_REQUESTS = {
  /** `{ files: { uri, maxBytes }[] }` → one ReadResult (shared/read.ts) per file, in order. */
  read: 'docker-security-lint/readFiles',
  /** `{ uris }` → per folder, its entries (`{ name, dir }`, at most `MAX_LISTED`), or null when it cannot be listed. */
  list: 'docker-security-lint/listDirectories',
  /** `{ folder, maxResults }` → the URIs of the files under `folder` that LINTED_FILES_GLOB matches. */
  find: 'docker-security-lint/findFiles',
  /** `{ uri }` → 'file', 'folder', or null when there is nothing there. */
  stat: 'docker-security-lint/stat',
} as const;

/** The most entries the client lists in one folder, and the most files one search gives. */
export const MAX_LISTED = 10_000;
export const MAX_FOUND = 100_000;

/** Folders the workspace walk never enters (the disk walk, the web client's listing). */
export const SKIP_DIRS: ReadonlySet<string> = new Set(['.git', 'node_modules', '.hg', '.svn']);
