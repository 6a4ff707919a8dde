import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import personas from '../../../config/personas.json';

const ROOT = resolve(__dirname, '..', '..', '..');
const DEFAULT = join(ROOT, 'force-app', 'main', 'default');
type UserDefinition = { FirstName?: string; LastName?: string; Alias?: string; Email?: string; profileName?: string; Username?: string };
const definitions = personas.personas.map((persona) => ({
  persona,
  file: JSON.parse(readFileSync(join(ROOT, persona.definitionFile), 'utf8')) as UserDefinition
}));

describe('the personas org:setup creates', () => {
  it('each has a user definition file sf org create user can use: last name, email, a profile, an Alias of at most 8 characters, no fixed username', () => {
    for (const { persona, file } of definitions) {
      expect({
        key: persona.key,
        lastName: Boolean(file.LastName),
        email: /^[^@\s]+@[^@\s]+\.[a-z]+$/.test(file.Email ?? ''),
        profile: Boolean(file.profileName)
      }).toEqual({
        key: persona.key,
        lastName: true,
        email: true,
        profile: true
      });
      // User.Alias is 8 characters at most; a fixed Username would collide across scratch orgs (usernames are global).
      expect(file.Alias).toMatch(/^[A-Za-z0-9]{1,8}$/);
      expect(file.Username).toBeUndefined();
    }
  });

  it('are told apart by their Alias, which the setup uses to find them again', () => {
    const aliases = definitions.map(({ file }) => file.Alias);
    expect(new Set(aliases).size).toBe(aliases.length);
    expect(personas.personas).toHaveLength(5);
  });

  it('get groups and a runner set that force-app deploys, and the runner is one of them', () => {
    const groups = new Set([personas.setupUser.permissionSetGroup, ...personas.personas.map((persona) => persona.permissionSetGroup)]);
    for (const group of groups)
      expect({ group, deployed: existsSync(join(DEFAULT, 'permissionsetgroups', `${group}.permissionsetgroup-meta.xml`)) }).toEqual({
        group,
        deployed: true
      });
    expect(existsSync(join(DEFAULT, 'permissionsets', `${personas.healthRunner.permissionSet}.permissionset-meta.xml`))).toBe(true);
    expect(personas.personas.map((persona) => persona.key)).toContain(personas.healthRunner.persona);
  });
});
