import { readdirSync, readFileSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { ForceIgnore, registry } from '@salesforce/source-deploy-retrieve';

/**
 * The metadata types the collectors read, with their file suffixes as source-deploy-retrieve's
 * registry (the sf CLI's own) declares them. Only files of these types are opened: an orphan static
 * resource or a malformed Flow elsewhere in the folder cannot stop the check.
 */
export const READ_TYPES = [
  'Profile',
  'PermissionSet',
  'PermissionSetGroup',
  'MutingPermissionSet',
  'ConnectedApp',
  'ExternalClientApplication',
  'ExtlClntAppOauthConfigurablePolicies',
  'Settings'
] as const;
export type ReadType = (typeof READ_TYPES)[number];

/** Settings the checks read; other `*.settings` files are not opened. */
export const READ_SETTINGS = new Set(['Security', 'FileUploadAndDownloadSecurity']);

/** Folders that never hold retrieved metadata and can be huge. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.sf', '.sfdx', '.sfdx-cache']);

function suffixOf(typeName: ReadType): string {
  const type = Object.values(registry.types).find((candidate) => candidate.name === typeName);
  if (!type?.suffix) throw new Error(`source-deploy-retrieve's registry has no suffix for ${typeName}`);
  return type.suffix;
}

/** `.profile-meta.xml` (source format) and `.profile` (Metadata API format), longest first. */
const SUFFIXES: Array<{ type: ReadType; ending: string }> = READ_TYPES.flatMap((type) => {
  const suffix = suffixOf(type);
  return [
    { type, ending: `.${suffix}-meta.xml` },
    { type, ending: `.${suffix}` }
  ];
}).sort((a, b) => b.ending.length - a.ending.length);

export type MetadataFile = {
  type: ReadType;
  /** The component's full name, decoded as the Metadata API encodes file names (`E%26F Staff` → `E&F Staff`). */
  fullName: string;
  /** Absolute path as it is on disk. */
  path: string;
};

/**
 * The Metadata API percent-encodes characters a file name cannot hold (`&` → %26, `–` → %E2%80%93,
 * `:` → %3A). A `%` that starts no valid escape is kept as written.
 */
export function decodeFileName(name: string): string {
  if (!name.includes('%')) return name;
  try {
    return decodeURIComponent(name);
  } catch {
    return name.replace(/(%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

export function classify(path: string): MetadataFile | undefined {
  const name = basename(path);
  for (const { type, ending } of SUFFIXES) {
    if (name.length > ending.length && name.endsWith(ending)) {
      const fullName = decodeFileName(name.slice(0, -ending.length));
      if (type === 'Settings' && !READ_SETTINGS.has(fullName)) return undefined;
      return { type, fullName, path };
    }
  }
  return undefined;
}

export type FileListing = { files: MetadataFile[]; notes: string[] };

/**
 * Walks the folder for the files of the types read, honouring `.forceignore` as the sf CLI does.
 * Symbolic links are followed once: a link back into a folder already walked is noted and skipped
 * (the path of a loop repeats itself; the note names its two ends, not the repetition).
 */
export function listMetadataFiles(root: string, display: (path: string) => string): FileListing {
  const files: MetadataFile[] = [];
  const notes: string[] = [];
  const forceIgnore = ForceIgnore.findAndCreate(root);
  const walked = new Map<string, string>();

  const walk = (dir: string): void => {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch (error) {
      notes.push(`${display(dir)} was not read: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
      return;
    }
    const earlier = walked.get(real);
    if (earlier !== undefined) {
      notes.push(`${display(dir)} was skipped: a symbolic link back to ${display(earlier)}, already read.`);
      return;
    }
    walked.set(real, dir);
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      notes.push(`${display(dir)} was not read: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = statSync(path);
          isDirectory = target.isDirectory();
          isFile = target.isFile();
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          notes.push(`${display(path)} was skipped: ${code === 'ELOOP' ? 'a symbolic link loop' : `a broken symbolic link (${code})`}.`);
          continue;
        }
      }
      if (isDirectory) {
        if (!SKIPPED_DIRS.has(entry.name) && !forceIgnore.denies(join(path, ''))) walk(path);
        continue;
      }
      if (!isFile) continue;
      const file = classify(path);
      if (file && !forceIgnore.denies(path)) files.push(file);
    }
  };
  walk(root);
  return { files, notes };
}

/** Paths relative to the folder the user passed, for notes that stay short. */
export function relativeTo(root: string): (path: string) => string {
  return (path) => relative(root, path) || '.';
}

/**
 * The types a Metadata API retrieve asked for, from the `package.xml` at the folder's root (or
 * `manifest/package.xml` in a source-format project): a type it lists with no file was retrieved
 * and the org has none of it, rather than not retrieved.
 */
export function manifestTypes(root: string): Set<string> {
  const types = new Set<string>();
  for (const candidate of [join(root, 'package.xml'), join(root, 'manifest', 'package.xml')]) {
    let text: string;
    try {
      text = readFileSync(candidate, 'utf8');
    } catch {
      continue;
    }
    for (const block of text.matchAll(/<types>([\s\S]*?)<\/types>/g)) {
      const name = /<name>\s*([^<\s]+)\s*<\/name>/.exec(block[1]);
      if (name) types.add(name[1]);
    }
  }
  return types;
}
