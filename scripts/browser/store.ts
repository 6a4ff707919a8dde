/**
 * The records the browser harness serves: the sample org of data/ (an `sf data tree import` plan) and
 * the jest fixtures of the console, held as plain records. Formula and roll-up summary fields are
 * computed from the field metadata, and writes run the objects' validation rules from their metadata,
 * so the console meets the rules the platform would apply, not rules written for the harness.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { evaluateFormula, type FormulaValue } from '../metadata/formula';
import { loadObjects, picklistValues, type FieldMeta, type ObjectMeta } from '../metadata/metadataModel';

export const PROJECT_ROOT = resolve(__dirname, '..', '..');
const LWC_DIR = join(PROJECT_ROOT, 'force-app', 'main', 'default', 'lwc');

export type Value = string | number | boolean | null;
export type StoredRecord = Record<string, Value> & { Id: string };

/** The user the harness runs as: the same id as @salesforce/user/Id in sfdx-lwc-jest. */
export const HARNESS_USER = { Id: '005000000000000000', Name: 'Morgan Me', IsActive: true };

/** A write the validation rules or the field types refused, shaped as the UI API's error body. */
export class RecordWriteError extends Error {
  public constructor(
    message: string,
    public readonly body: {
      message: string;
      output: { errors: Array<{ message: string }>; fieldErrors: Record<string, Array<{ message: string }>> };
    }
  ) {
    super(message);
    this.name = 'RecordWriteError';
  }
}

const PREFIX: Record<string, string> = {
  Governance_Area__c: 'a01',
  RACI_Assignment__c: 'a02',
  Decision__c: 'a03',
  Risk__c: 'a04',
  Integration__c: 'a05',
  Health_Check_Run__c: 'a06',
  Health_Finding__c: 'a07',
  User: '005'
};

const AUTO_NAME: Record<string, string> = {
  Decision__c: 'DEC-',
  Health_Check_Run__c: 'RUN-',
  Health_Finding__c: 'HF-',
  RACI_Assignment__c: 'RA-'
};

export type StoreOptions = {
  /** Today for formulas (TODAY()); fixed in tests so that overdue flags do not change with the calendar. */
  today?: Date;
  /** Custom permissions of the harness user ($Permission in validation rules). */
  permissions?: string[];
  /** Extra synthetic data: RACI areas × people, for the scale tests and the benchmark. */
  raciScale?: { areas: number; people: number };
};

export class RecordStore {
  public readonly objects: Map<string, ObjectMeta>;
  private readonly records = new Map<string, Map<string, StoredRecord>>();
  private readonly counters = new Map<string, number>();
  public readonly today: Date;
  public permissions: Set<string>;

  public constructor(options: StoreOptions = {}) {
    this.objects = loadObjects();
    this.today = options.today ?? new Date(Date.UTC(2026, 10, 23));
    this.permissions = new Set(options.permissions ?? []);
    this.put('User', { ...HARNESS_USER });
    this.loadSampleData();
    this.loadFixtures();
    if (options.raciScale) this.addRaciScale(options.raciScale.areas, options.raciScale.people);
  }

  public table(object: string): Map<string, StoredRecord> {
    let table = this.records.get(object);
    if (!table) {
      table = new Map();
      this.records.set(object, table);
    }
    return table;
  }

  public field(object: string, name: string): FieldMeta | undefined {
    return this.objects.get(object)?.fields.get(name);
  }

  public get(object: string, id: string | null | undefined): StoredRecord | undefined {
    return id ? this.table(object).get(id) : undefined;
  }

  /** The object a record id belongs to (by its key prefix). */
  public objectOf(id: string): string | undefined {
    return [...this.records.keys()].find((object) => this.table(object).has(id));
  }

  private nextId(object: string): string {
    const count = (this.counters.get(object) ?? 900) + 1;
    this.counters.set(object, count);
    return `${PREFIX[object] ?? 'a09'}${String(count).padStart(12, '0')}AAA`;
  }

  /** Children by parent id, per lookup: roll-ups read it for every parent; any write clears it. */
  private readonly childIndex = new Map<string, Map<string, StoredRecord[]>>();

  private childrenOf(object: string, foreignKey: string, parentId: string): StoredRecord[] {
    const key = `${object}.${foreignKey}`;
    let index = this.childIndex.get(key);
    if (!index) {
      index = new Map();
      for (const child of this.table(object).values()) {
        const parent = child[foreignKey];
        if (typeof parent === 'string') index.set(parent, [...(index.get(parent) ?? []), child]);
      }
      this.childIndex.set(key, index);
    }
    return index.get(parentId) ?? [];
  }

  private put(object: string, record: Record<string, Value>): StoredRecord {
    this.childIndex.clear();
    const id = typeof record.Id === 'string' && record.Id ? record.Id : this.nextId(object);
    const stored = { ...(this.get(object, id) ?? {}), ...record, Id: id } as StoredRecord;
    if (!stored.Name && AUTO_NAME[object]) stored.Name = `${AUTO_NAME[object]}${String(this.table(object).size + 1).padStart(4, '0')}`;
    this.table(object).set(id, stored);
    return stored;
  }

  /** The sample plan, with `@setupUser` as the harness user and `@Ref` references resolved. */
  private loadSampleData(): void {
    const dir = join(PROJECT_ROOT, 'data');
    const plan = JSON.parse(readFileSync(join(dir, 'sample-data-plan.json'), 'utf8')) as Array<{ sobject: string; files: string[] }>;
    const refs = new Map<string, string>([['setupUser', HARNESS_USER.Id]]);
    // The personas org:setup creates, as users, so the sample data's @user:<key> lookups name them.
    const { personas } = JSON.parse(readFileSync(join(PROJECT_ROOT, 'config', 'personas.json'), 'utf8')) as {
      personas: Array<{ key: string; definitionFile: string }>;
    };
    personas.forEach((persona, index) => {
      const user = JSON.parse(readFileSync(join(PROJECT_ROOT, persona.definitionFile), 'utf8')) as { FirstName: string; LastName: string };
      const id = `005${String(6000 + index).padStart(12, '0')}AAA`;
      this.put('User', { Id: id, Name: `${user.FirstName} ${user.LastName}`, IsActive: true });
      refs.set(`user:${persona.key}`, id);
    });
    for (const entry of plan) {
      for (const file of entry.files) {
        const { records } = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
          records: Array<Record<string, Value> & { attributes: { referenceId: string } }>;
        };
        for (const { attributes, ...fields } of records) {
          const resolved = Object.fromEntries(
            Object.entries(fields).map(([key, value]) => [
              key,
              typeof value === 'string' && value.startsWith('@') ? (refs.get(value.slice(1)) ?? null) : value
            ])
          );
          refs.set(attributes.referenceId, this.put(entry.sobject, resolved).Id);
        }
      }
    }
  }

  /** Every record of the console's jest fixtures (GraphQL responses), related users included. */
  private loadFixtures(): void {
    for (const component of readdirSync(LWC_DIR)) {
      const dataDir = join(LWC_DIR, component, '__tests__', 'data');
      if (!existsSync(dataDir)) continue;
      for (const file of readdirSync(dataDir).filter((name) => name.endsWith('.json'))) {
        const json = JSON.parse(readFileSync(join(dataDir, file), 'utf8')) as { uiapi?: { query?: Record<string, Connection> } };
        Object.entries(json.uiapi?.query ?? {}).forEach(([object, connection]) => {
          connection.edges?.forEach((edge) => this.ingestNode(object, edge.node));
        });
      }
    }
  }

  private ingestNode(object: string, node: Record<string, unknown>, parent?: { field: string; id: string }): string | undefined {
    if (typeof node.Id !== 'string' || (!this.objects.has(object) && object !== 'User')) return undefined;
    // Fixtures that select only scores (the heat map's) would show as nameless rows in the register.
    if (!parent && !AUTO_NAME[object] && object !== 'User' && !node.Name) return undefined;
    const record: Record<string, Value> = { Id: node.Id };
    if (parent) record[parent.field] = parent.id;
    const children: Array<[string, Connection]> = [];
    Object.entries(node).forEach(([key, value]) => {
      if (key === 'Id' || value === null || typeof value !== 'object') return;
      const wrapped = value as Record<string, unknown>;
      if (Array.isArray(wrapped.edges)) {
        children.push([key, wrapped]);
      } else if ('value' in wrapped) {
        record[key] = wrapped.value as Value;
      } else if (key.endsWith('__r')) {
        const lookup = this.field(object, key.replace(/__r$/, '__c'));
        const id = node[key.replace(/__r$/, '__c')] as { value?: string } | undefined;
        if (lookup?.referenceTo && id?.value) this.ingestNode(lookup.referenceTo, { Id: id.value, ...wrapped });
      }
    });
    this.put(object === 'User' ? 'User' : object, record);
    children.forEach(([relationship, connection]) => {
      const child = this.childRelationship(object, relationship);
      if (child)
        connection.edges?.forEach((edge) => this.ingestNode(child.object, edge.node, { field: child.field, id: node.Id as string }));
    });
    return node.Id;
  }

  /** The child object and lookup field of a child relationship (`RACI_Assignments__r`). */
  public childRelationship(parentObject: string, relationship: string): { object: string; field: string } | undefined {
    const name = relationship.replace(/__r$/, '');
    for (const [object, meta] of this.objects) {
      for (const field of meta.fields.values()) {
        if (field.referenceTo === parentObject && field.relationshipName === name) return { object, field: field.fullName };
      }
    }
    return undefined;
  }

  /** 300 × 60 and the like: areas named "Area 001" with R/C/I spread over "Person 1" .. "Person N". */
  private addRaciScale(areas: number, people: number): void {
    const users = Array.from({ length: people }, (_, i) =>
      this.put('User', { Id: `005${String(7000 + i).padStart(12, '0')}AAA`, Name: `Person ${i + 1}`, IsActive: i % 17 !== 16 })
    );
    const categories = picklistValues(this.field('Governance_Area__c', 'Category__c')!);
    const leads = picklistValues(this.field('Governance_Area__c', 'Lead__c')!);
    for (let a = 0; a < areas; a++) {
      const area = this.put('Governance_Area__c', {
        Name: `Area ${String(a + 1).padStart(3, '0')}`,
        Area_Key__c: `SCALE.${a + 1}`,
        Category__c: categories[a % categories.length],
        Lead__c: leads[a % leads.length],
        Status__c: 'Active',
        Review_Frequency__c: 'Quarterly',
        Last_Reviewed__c: a % 9 === 0 ? '2025-01-01' : '2026-10-01',
        Accountable__c: users[a % people].Id
      });
      // Every seventh area has no Responsible: a gap the matrix must show.
      const roles = a % 7 === 0 ? ['Consulted', 'Informed'] : ['Responsible', 'Consulted', 'Informed', 'Informed'];
      roles.forEach((role, r) =>
        this.put('RACI_Assignment__c', { Governance_Area__c: area.Id, Role__c: role, Assignee__c: users[(a * 3 + r * 11 + 1) % people].Id })
      );
    }
  }

  /** A record with its formula and roll-up summary fields computed (as a query would return it). */
  public view(object: string, record: StoredRecord): StoredRecord {
    const meta = this.objects.get(object);
    if (!meta) return record;
    const result: StoredRecord = { ...record };
    if (!('Name' in result)) result.Name = null;
    for (const field of meta.fields.values()) {
      if (!(field.fullName in result)) result[field.fullName] = null;
      if (field.type === 'Summary' && field.summaryForeignKey) {
        const [childObject, foreignKey] = field.summaryForeignKey.split('.');
        const filters = field.summaryFilterItems ?? [];
        result[field.fullName] = this.childrenOf(childObject, foreignKey, record.Id).filter((child) =>
          // The metadata reader lists every <value> element, so a filter value arrives as an array.
          filters.every(
            (filter) => filter.operation === 'equals' && [filter.value].flat().includes(String(child[filter.field.split('.')[1]]))
          )
        ).length;
      }
    }
    // Formulas may read other formulas (Level reads Score): evaluate until nothing changes.
    const formulas = [...meta.fields.values()].filter((field) => field.formula);
    for (let pass = 0; pass < (formulas.length ? 4 : 0); pass++) {
      const context = this.formulaContext(object, result);
      for (const field of formulas)
        result[field.fullName] = toValue(evaluateFormula(field.formula!, { record: context, today: this.today }));
    }
    return result;
  }

  /** Field values and one level of relationship paths (`Accountable__r.IsActive`) for formulas. */
  private formulaContext(object: string, record: StoredRecord): Record<string, FormulaValue> {
    const context: Record<string, FormulaValue> = {};
    const meta = this.objects.get(object);
    Object.entries(record).forEach(([key, value]) => {
      const field = meta?.fields.get(key);
      context[key] = typeof value === 'string' && field && ['Date', 'DateTime'].includes(field.type) ? new Date(value) : value;
      if (field?.referenceTo && typeof value === 'string') {
        const related = this.get(field.referenceTo, value);
        const view = related && field.referenceTo !== 'User' ? { ...related } : related;
        Object.entries(view ?? {}).forEach(([relatedKey, relatedValue]) => {
          const relatedField = this.field(field.referenceTo!, relatedKey);
          context[`${key.replace(/__c$/, '__r')}.${relatedKey}`] =
            typeof relatedValue === 'string' && relatedField && ['Date', 'DateTime'].includes(relatedField.type)
              ? new Date(relatedValue)
              : relatedValue;
        });
      }
    });
    this.permissions.forEach((permission) => (context[`$Permission.${permission}`] = true));
    for (const key of this.customPermissionsReferenced()) if (!(key in context)) context[key] = false;
    context['$User.Id'] = HARNESS_USER.Id;
    return context;
  }

  private permissionNames?: string[];

  private customPermissionsReferenced(): string[] {
    if (this.permissionNames) return this.permissionNames;
    const names = new Set<string>();
    for (const meta of this.objects.values()) {
      for (const rule of meta.validationRules)
        for (const match of rule.errorConditionFormula.matchAll(/\$Permission\.\w+/g)) names.add(match[0]);
    }
    this.permissionNames = [...names];
    return this.permissionNames;
  }

  /** createRecord / updateRecord: coerces the fields, runs the active validation rules, then saves. */
  public write(object: string, fields: Record<string, Value>, id?: string): StoredRecord {
    const meta = this.objects.get(object);
    if (!meta) throw writeError(`The requested resource does not exist: ${object}`);
    const prior = id ? this.get(object, id) : undefined;
    if (id && !prior) throw writeError(`Record ${id} of ${object} does not exist.`);
    const fieldErrors: Record<string, Array<{ message: string }>> = {};
    const candidate: StoredRecord = { ...(prior ?? {}), Id: id ?? 'new' };
    Object.entries(fields).forEach(([name, value]) => {
      if (name === 'Id') return;
      const field = meta.fields.get(name);
      if (!field && name !== 'Name') {
        fieldErrors[name] = [{ message: `No such column '${name}' on entity '${object}'.` }];
        return;
      }
      if (field && (field.formula || field.type === 'Summary')) {
        fieldErrors[name] = [{ message: `Unable to create/update fields: ${name}. The field is not writeable.` }];
        return;
      }
      if (field?.type === 'Picklist' && value !== null && value !== '' && !picklistValues(field).includes(String(value))) {
        fieldErrors[name] = [{ message: `bad value for restricted picklist field: ${value}` }];
        return;
      }
      candidate[name] = value === '' ? null : value;
    });
    const computed = this.view(object, candidate);
    const context = this.formulaContext(object, computed);
    const priorContext = prior ? this.formulaContext(object, this.view(object, prior)) : undefined;
    const errors: Array<{ message: string }> = [];
    for (const rule of meta.validationRules.filter((candidateRule) => candidateRule.active === 'true')) {
      const fails = evaluateFormula(rule.errorConditionFormula, { record: context, prior: priorContext, isNew: !prior, today: this.today });
      if (fails === true) {
        if (rule.errorDisplayField) (fieldErrors[rule.errorDisplayField] ??= []).push({ message: rule.errorMessage });
        else errors.push({ message: rule.errorMessage });
      }
    }
    if (errors.length || Object.keys(fieldErrors).length) {
      const first = errors[0]?.message ?? Object.values(fieldErrors)[0][0].message;
      throw new RecordWriteError(first, { message: first, output: { errors, fieldErrors } });
    }
    const { Id: _ignored, ...values } = candidate;
    void _ignored;
    return this.put(object, id ? { ...values, Id: id } : values);
  }

  public delete(id: string): void {
    const object = this.objectOf(id);
    if (!object) throw writeError(`Record ${id} does not exist.`);
    this.table(object).delete(id);
    this.childIndex.clear();
  }
}

type Connection = { edges?: Array<{ node: Record<string, unknown> }> };

function writeError(message: string): RecordWriteError {
  return new RecordWriteError(message, { message, output: { errors: [{ message }], fieldErrors: {} } });
}

function toValue(value: FormulaValue): Value {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return typeof value === 'number' && Number.isNaN(value) ? null : value;
}
