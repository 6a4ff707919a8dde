import * as fs from 'node:fs';
import { listComponents, parseSelections, queryRoots } from './helpers/lwcSources';
import { FieldInfo, ObjectCatalog, loadObjects, loadPermissionSet } from './helpers/orgMetadata';
import { checkReference, collectReferences } from './helpers/schemaReferences';

const PERMISSION_SET = 'Ownership_Console_User';

function field(type: string, extra: Partial<FieldInfo> = {}): FieldInfo {
  return { type, required: false, ...extra };
}

describe('schema reference extraction', () => {
  const catalog: ObjectCatalog = new Map([
    [
      'Area__c',
      new Map([
        ['Owner_User__c', field('Lookup', { referenceTo: 'User', relationshipName: 'Owner_User' })],
        ['Score__c', field('Number')]
      ])
    ],
    ['Child__c', new Map([['Area__c', field('MasterDetail', { referenceTo: 'Area__c', relationshipName: 'Children' })]])]
  ]);
  const source = `
        import AREA from '@salesforce/schema/Area__c';
        import OWNER_NAME from '@salesforce/schema/Area__c.Owner_User__r.Name';
        const q = gql\`
            query areas($after: String, $where: Area__c_Filter) {
                uiapi { query { Area__c(first: 10, after: $after, where: { Score__c: { gt: 1 } }) {
                    edges { node { Id Score__c { value } Owner_User__r { Name { value } }
                        Children__r(first: 5) { edges { node { Id Missing__c { value } } } } } }
                    pageInfo { hasNextPage endCursor } totalCount } } }
            }\`;`;

  it('parses uiapi query roots and their node selections', () => {
    const roots = queryRoots(parseSelections('query { uiapi { query { Risk__c(first: 2) { edges { node { Id Name { value } } } } } } }'));
    expect(roots).toEqual([
      {
        object: 'Risk__c',
        node: [
          { name: 'Id', children: [] },
          { name: 'Name', children: [{ name: 'value', children: [] }] }
        ]
      }
    ]);
  });

  it('names objects and fields through imports, lookups and child relationships', () => {
    const { refs, problems } = collectReferences(source, catalog);
    const names = refs.map((ref) => (ref.field ? `${ref.object}.${ref.field}` : ref.object));
    expect(problems).toEqual([]);
    expect(new Set(names)).toEqual(
      new Set([
        'Area__c',
        'Area__c.Owner_User__c',
        'User.Name',
        'Area__c.Id',
        'Area__c.Score__c',
        'Child__c',
        'Child__c.Area__c',
        'Child__c.Id',
        'Child__c.Missing__c'
      ])
    );
  });

  it('reports missing fields, unreadable fields and unknown relationships', () => {
    const access = { readableObjects: new Set(['Area__c', 'Child__c']), readableFields: new Set(['Area__c.Owner_User__c']) };
    const { refs } = collectReferences(source, catalog);
    const failures = refs.map((ref) => checkReference(ref, catalog, access)).filter(Boolean);
    expect(failures).toEqual([
      'gql Area__c > Score__c: field Area__c.Score__c is not readable in the permission set',
      'gql Area__c > Children__r > Missing__c: field Child__c.Missing__c does not exist in force-app/main/default/objects'
    ]);
    const broken = collectReferences(
      'const q = gql`query { uiapi { query { Area__c { edges { node { Nope__r { Name { value } } Kids__r { edges { node { Id } } } } } } } } }`;',
      catalog
    );
    expect(broken.problems).toEqual([
      'gql Area__c > Nope__r: Area__c.Nope__c is not a lookup field in force-app/main/default/objects',
      'gql Area__c > Kids__r: no field with referenceTo Area__c and relationshipName Kids'
    ]);
    expect(checkReference({ object: 'User', field: 'Password', source: 'x' }, catalog, access)).toBe(
      'x: User.Password is not in the allowed standard fields'
    );
    expect(checkReference({ object: 'Gone__c', source: 'x' }, catalog, access)).toBe(
      'x: object Gone__c does not exist in force-app/main/default/objects'
    );
  });
});

describe(`every object and field the components name exists and is readable in ${PERMISSION_SET}`, () => {
  const catalog = loadObjects();
  const access = loadPermissionSet(PERMISSION_SET);
  const components = listComponents()
    .map((component) => ({
      name: component.name,
      source: component.files
        .filter((file) => file.endsWith('.js'))
        .map((file) => fs.readFileSync(file, 'utf8'))
        .join('\n')
    }))
    .filter((component) => /@salesforce\/schema\/|\bgql\s*`/.test(component.source));

  it('finds components that name schema', () => {
    expect(components.length).toBeGreaterThan(0);
  });

  it(`has the ${PERMISSION_SET} permission set`, () => {
    expect(access === null ? `missing force-app/main/default/permissionsets/${PERMISSION_SET}.permissionset-meta.xml` : 'present').toBe(
      'present'
    );
  });

  it.each(components.map((component) => [component.name, component.source]))('%s', (name, source) => {
    const { refs, problems } = collectReferences(source, catalog);
    // Without the permission set every reference is reported unreadable, alongside any missing metadata.
    const grants = access ?? { readableObjects: new Set<string>(), readableFields: new Set<string>() };
    const failures = [...problems];
    refs.forEach((ref) => {
      const failure = checkReference(ref, catalog, grants);
      if (failure) {
        failures.push(failure);
      }
    });
    expect(refs.length).toBeGreaterThan(0);
    expect({ component: name, failures: [...new Set(failures)] }).toEqual({ component: name, failures: [] });
  });
});
