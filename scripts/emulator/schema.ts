import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What the emulated org's describe says about each field, built from Salesforce's own artifacts:
 * the `@salesforce/types` typings (generated from the Tooling WSDL) for the objects they cover
 * (PermissionSet with its ~550 `Permissions*` fields, ConnectedApplication, ExternalClientApplication,
 * the Health Check objects, ...), and the Object Reference's field properties (Filter, Group, Sort)
 * for the objects and fields the typings do not describe or describe too thinly (LoginHistory,
 * SetupAuditTrail, VerificationHistory, User, Organization, ...).
 */

export type FieldType =
  'id' | 'reference' | 'string' | 'textarea' | 'boolean' | 'double' | 'int' | 'datetime' | 'date' | 'picklist' | 'complexvalue';

export type FieldSchema = {
  name: string;
  type: FieldType;
  filterable: boolean;
  sortable: boolean;
  groupable: boolean;
};

const TYPINGS = join(__dirname, '..', '..', 'node_modules', '@salesforce', 'types', 'lib', 'tooling.d.ts');
let typingsText: string | undefined;

/** Primitive fields of `export type <object> = ... & { ... };` in the Tooling typings (relationships and child lists left out). */
function fromTypings(object: string): FieldSchema[] {
  typingsText ??= readFileSync(TYPINGS, 'utf8');
  const start = typingsText.indexOf(`\nexport type ${object} = `);
  if (start < 0) return [];
  const end = typingsText.indexOf('\n};', start);
  const body = typingsText.slice(start, end);
  const fields: FieldSchema[] = [];
  for (const match of body.matchAll(/^ {4}([A-Z]\w*)\??: ([^;]+);$/gm)) {
    const [, name, declared] = match;
    const type = typeOf(name, declared.trim());
    if (type) fields.push(withDefaults(name, type));
  }
  return fields;
}

function typeOf(name: string, declared: string): FieldType | undefined {
  if (name === 'Metadata') return 'complexvalue';
  if (name === 'Id') return 'id';
  if (declared === 'ID') return 'reference';
  if (declared === 'boolean') return 'boolean';
  if (declared === 'number') return 'double';
  if (declared === 'Date') return 'datetime';
  if (declared === 'string' || /^'[^']*'( \| '[^']*')*$/.test(declared)) return 'string';
  return undefined;
}

/** The API's defaults by type: long text and compound values cannot be filtered, sorted or grouped; datetimes cannot be grouped. */
function withDefaults(name: string, type: FieldType): FieldSchema {
  const plain = type !== 'textarea' && type !== 'complexvalue';
  return { name, type, filterable: plain, sortable: plain, groupable: plain && type !== 'datetime' && type !== 'double' };
}

type Documented = Record<string, [FieldType, string]>;
const F = 'Filter';
const FGS = 'Filter, Group, Sort';
const GS = 'Group, Sort';
const FS = 'Filter, Sort';

/** Field properties as the Object Reference lists them ("Properties: Filter, Group, Nillable, Sort"). */
const DOCUMENTED: Record<string, Documented> = {
  LoginHistory: {
    Id: ['id', FGS],
    UserId: ['reference', FGS],
    LoginTime: ['datetime', FS],
    LoginType: ['picklist', FGS],
    LoginUrl: ['string', FGS],
    SourceIp: ['string', FGS],
    Status: ['string', GS],
    Application: ['string', GS],
    ApiType: ['string', GS],
    ApiVersion: ['string', GS],
    Browser: ['string', GS],
    ClientVersion: ['string', GS],
    Platform: ['string', GS],
    AuthMethodReference: ['string', FGS],
    AuthenticationServiceId: ['reference', FGS],
    LoginGeoId: ['reference', FGS],
    CipherSuite: ['picklist', FGS],
    TlsProtocol: ['picklist', FGS]
  },
  VerificationHistory: {
    Id: ['id', FGS],
    Activity: ['picklist', FGS],
    EventGroup: ['int', FGS],
    LoginHistoryId: ['reference', FGS],
    Policy: ['picklist', FGS],
    Remarks: ['string', FGS],
    ResourceId: ['reference', FGS],
    SourceIp: ['string', FGS],
    Status: ['picklist', FGS],
    UserId: ['reference', FGS],
    VerificationMethod: ['picklist', FGS],
    VerificationTime: ['datetime', FS],
    CreatedDate: ['datetime', FS]
  },
  SetupAuditTrail: {
    Id: ['id', FGS],
    Action: ['string', FGS],
    CreatedById: ['reference', FGS],
    CreatedDate: ['datetime', FS],
    DelegateUser: ['string', FGS],
    Display: ['string', ''],
    Section: ['string', GS],
    ResponsibleNamespacePrefix: ['string', FGS]
  },
  User: {
    Id: ['id', FGS],
    Username: ['string', FGS],
    Name: ['string', FGS],
    FirstName: ['string', FGS],
    LastName: ['string', FGS],
    Email: ['string', FGS],
    IsActive: ['boolean', FGS],
    ProfileId: ['reference', FGS],
    UserRoleId: ['reference', FGS],
    UserType: ['picklist', FGS],
    LastLoginDate: ['datetime', FS],
    CreatedDate: ['datetime', FS],
    ManagerId: ['reference', FGS],
    FederationIdentifier: ['string', FGS],
    TimeZoneSidKey: ['picklist', FGS]
  },
  Organization: {
    Id: ['id', FGS],
    Name: ['string', FGS],
    IsSandbox: ['boolean', FGS],
    OrganizationType: ['picklist', FGS],
    InstanceName: ['string', FGS],
    NamespacePrefix: ['string', FGS],
    TrialExpirationDate: ['datetime', FS]
  },
  OauthToken: {
    Id: ['id', FGS],
    AppName: ['string', FGS],
    AppMenuItemId: ['reference', FGS],
    UserId: ['reference', FGS],
    LastUsedDate: ['datetime', FS],
    UseCount: ['int', FGS],
    CreatedDate: ['datetime', FS],
    DeleteToken: ['string', F]
  },
  ObjectPermissions: {
    Id: ['id', FGS],
    ParentId: ['reference', FGS],
    SobjectType: ['picklist', FGS],
    PermissionsRead: ['boolean', FGS],
    PermissionsCreate: ['boolean', FGS],
    PermissionsEdit: ['boolean', FGS],
    PermissionsDelete: ['boolean', FGS],
    PermissionsViewAllRecords: ['boolean', FGS],
    PermissionsModifyAllRecords: ['boolean', FGS],
    PermissionsViewAllFields: ['boolean', FGS]
  }
};

function documented(object: string): FieldSchema[] {
  return Object.entries(DOCUMENTED[object] ?? {}).map(([name, [type, properties]]) => ({
    name,
    type,
    filterable: properties.includes('Filter'),
    sortable: properties.includes('Sort'),
    groupable: properties.includes('Group')
  }));
}

const cache = new Map<string, Map<string, FieldSchema>>();

/**
 * The documented fields of an object, by lower-case name. The REST Profile carries the same
 * user permission fields as PermissionSet (a profile is backed by one), so it gets them too.
 */
export function schemaOf(object: string, space: 'rest' | 'tooling'): Map<string, FieldSchema> {
  const key = `${space}:${object}`;
  let fields = cache.get(key);
  if (!fields) {
    const list = [...fromTypings(object), ...documented(object)];
    if (object === 'Profile' && space === 'rest')
      list.push(...fromTypings('PermissionSet').filter((field) => field.name.startsWith('Permissions')));
    // Tooling-only compound fields are not on the REST sObject.
    const usable = space === 'rest' ? list.filter((field) => field.type !== 'complexvalue') : list;
    fields = new Map(usable.map((field) => [field.name.toLowerCase(), field]));
    cache.set(key, fields);
  }
  return fields;
}

/** A field the dataset or the records show but no schema documents: a custom field, filterable like any plain field. */
export function inferredField(name: string, sample: unknown): FieldSchema {
  let type: FieldType = 'string';
  if (name === 'Id') type = 'id';
  else if (typeof sample === 'boolean') type = 'boolean';
  else if (typeof sample === 'number') type = 'double';
  else if (sample !== null && typeof sample === 'object') type = 'complexvalue';
  else if (typeof sample === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(sample)) type = 'datetime';
  else if (typeof sample === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(sample)) type = 'date';
  else if (name.endsWith('Id') || (name.endsWith('__c') && typeof sample === 'string' && /^[a-zA-Z0-9]{18}$/.test(sample)))
    type = 'reference';
  const schema = withDefaults(name, type);
  // Dates group in SOQL (datetimes do not).
  if (type === 'date') schema.groupable = true;
  return schema;
}
