import fc from 'fast-check';

/**
 * fast-check arbitraries built from the OpenAPI document's JSON Schemas: a
 * value the schema accepts (`valid`), and requests that break it (the fuzz
 * spec's invalid variants). Covers the keywords the document uses.
 */
export type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  items?: Schema;
  maxItems?: number;
  minItems?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
};

export class SchemaArbitraries {
  constructor(private readonly components: Record<string, Schema>) {}

  resolve(schema: Schema): Schema {
    return schema.$ref ? this.resolve(this.components[schema.$ref.replace('#/components/schemas/', '')] ?? {}) : schema;
  }

  valid(input: Schema): fc.Arbitrary<unknown> {
    const schema = this.resolve(input);
    if ('const' in schema) return fc.constant(schema.const);
    if (schema.enum) return fc.constantFrom(...schema.enum);
    const union = schema.anyOf ?? schema.oneOf;
    if (union) return fc.oneof(...union.map((s) => this.valid(s)));
    if (schema.allOf) return this.valid(Object.assign({}, ...schema.allOf.map((s) => this.resolve(s))) as Schema);
    const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
    switch (type) {
      case 'string':
        return this.string(schema);
      case 'integer':
        return fc.integer({
          min: Math.max(schema.minimum ?? -1_000_000, Number.MIN_SAFE_INTEGER),
          max: Math.min(schema.maximum ?? 1_000_000, Number.MAX_SAFE_INTEGER),
        });
      case 'number':
        return fc.double({ min: schema.minimum ?? -1e15, max: schema.maximum ?? 1e15, noNaN: true, noDefaultInfinity: true });
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'array':
        return fc.array(this.valid(schema.items ?? {}), { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 3, 3) });
      case 'object': {
        const properties = schema.properties ?? {};
        const record = Object.fromEntries(Object.entries(properties).map(([k, s]) => [k, this.valid(s)]));
        return fc.record(record, { requiredKeys: (schema.required ?? []).filter((k) => k in properties) }) as fc.Arbitrary<unknown>;
      }
      default:
        return fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean());
    }
  }

  private string(schema: Schema): fc.Arbitrary<string> {
    const min = schema.minLength ?? 0;
    const max = Math.min(schema.maxLength ?? 40, Math.max(min, 40));
    if (schema.format === 'date')
      return fc.date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    if (schema.format === 'date-time')
      return fc.date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString());
    if (schema.format === 'uuid') return fc.uuid();
    if (schema.format === 'uri')
      return fc
        .webUrl()
        .filter((s) => s.length >= min && s.length <= (schema.maxLength ?? Infinity) && (!schema.pattern || new RegExp(schema.pattern).test(s)));
    if (schema.pattern) {
      const pattern = new RegExp(schema.pattern);
      const lengthOk = (s: string) => s.length >= min && s.length <= (schema.maxLength ?? Infinity);
      return fc.stringMatching(pattern).filter(lengthOk);
    }
    return fc.string({ minLength: min, maxLength: max });
  }

  /** A value of another JSON type than the schema's. */
  wrongType(input: Schema): fc.Arbitrary<unknown> {
    // A union (Nullable, enums) has the types of its members.
    const typesOf = (schema: Schema): unknown[] => {
      const s = this.resolve(schema);
      const members = s.anyOf ?? s.oneOf;
      if (members) return members.flatMap(typesOf);
      return Array.isArray(s.type) ? s.type : [s.type];
    };
    const types = typesOf(input);
    const others: fc.Arbitrary<unknown>[] = [];
    if (!types.includes('string')) others.push(fc.string({ maxLength: 6 }));
    if (!types.includes('number') && !types.includes('integer')) others.push(fc.integer());
    if (!types.includes('object')) others.push(fc.constant({ nested: true }));
    if (!types.includes('array')) others.push(fc.constant([1, 'a']));
    if (!types.includes('boolean') && !types.includes('null')) others.push(fc.boolean());
    return fc.oneof(...others);
  }
}
