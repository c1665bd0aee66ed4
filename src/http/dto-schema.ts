import 'reflect-metadata';
import { loadClassValidator } from './lazy-modules';

/** A JSON Schema object (the OpenAPI 3.1 dialect). */
export type JsonSchema = { [keyword: string]: unknown };

/** A DTO class. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type DtoClass = Function;

interface PropertySchema {
  schema: JsonSchema;
  /** The schema that `each: true` constraints apply to (the items of an array). */
  items: JsonSchema;
  optional: boolean;
  required: boolean;
}

/** What class-transformer's `@Type(() => Nested)` recorded; read to find the class of nested arrays. */
interface TypeMetadataStore {
  findTypeMetadata(target: DtoClass, propertyName: string): { typeFunction: () => DtoClass } | undefined;
}

function typeMetadataStore(): TypeMetadataStore | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('class-transformer/cjs/storage') as { defaultMetadataStorage: TypeMetadataStore })
      .defaultMetadataStorage;
  } catch {
    return undefined;
  }
}

/**
 * Builds the JSON schema of a class-validator DTO from its decorators (types, bounds, lengths, enums,
 * patterns, optional and nested properties), adding it and every nested DTO to `components`.
 *
 * @param dto - the DTO class
 * @param components - the OpenAPI `components.schemas` to fill, keyed by class name
 * @returns a `$ref` to the DTO's schema
 */
export function dtoJsonSchema(dto: DtoClass, components: Record<string, JsonSchema>): JsonSchema {
  const ref = { $ref: `#/components/schemas/${dto.name}` };
  if (components[dto.name]) return ref;
  components[dto.name] = { type: 'object' };
  const metadatas = loadClassValidator()
    .getMetadataStorage()
    .getTargetValidationMetadatas(dto, '', true, false);
  const byProperty = new Map<string, PropertySchema>();
  for (const m of metadatas) {
    let entry = byProperty.get(m.propertyName);
    if (!entry) {
      entry = { schema: {}, items: {}, optional: false, required: false };
      applyDesignType(entry, dto, m.propertyName);
      byProperty.set(m.propertyName, entry);
    }
    const target = m.each ? entry.items : entry.schema;
    if (m.each && entry.schema.type === undefined) entry.schema.type = 'array';
    if (m.type === 'conditionalValidation' && m.name === 'isOptional') entry.optional = true;
    else if (m.type === 'isDefined' || m.name === 'isDefined' || m.name === 'isNotEmpty')
      entry.required = true;
    if (m.type === 'nestedValidation') {
      const nested = nestedClass(dto, m.propertyName);
      if (nested) {
        const nestedRef = dtoJsonSchema(nested, components);
        if (entry.schema.type === 'array' || m.each) entry.items = { ...entry.items, ...nestedRef };
        else replace(entry.schema, nestedRef);
      }
    }
    if (m.name) applyConstraint(target, m.name, m.constraints ?? []);
  }
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [name, entry] of byProperty) {
    const schema = { ...entry.schema };
    if (Object.keys(entry.items).length > 0) schema.items = entry.items;
    properties[name] = schema;
    if (!entry.optional) required.push(name);
  }
  const schema: JsonSchema = { type: 'object', properties };
  if (required.length > 0) schema.required = required;
  components[dto.name] = schema;
  return ref;
}

function replace(target: JsonSchema, source: JsonSchema): void {
  for (const key of Object.keys(target)) delete target[key];
  Object.assign(target, source);
}

function applyDesignType(entry: PropertySchema, dto: DtoClass, property: string): void {
  const designType = Reflect.getMetadata('design:type', dto.prototype as object, property) as unknown;
  if (designType === String) entry.schema.type = 'string';
  else if (designType === Number) entry.schema.type = 'number';
  else if (designType === Boolean) entry.schema.type = 'boolean';
  else if (designType === Array) entry.schema.type = 'array';
  else if (designType === Date) Object.assign(entry.schema, { type: 'string', format: 'date-time' });
}

function nestedClass(dto: DtoClass, property: string): DtoClass | undefined {
  const declared = typeMetadataStore()?.findTypeMetadata(dto, property)?.typeFunction();
  if (declared) return declared;
  const designType = Reflect.getMetadata('design:type', dto.prototype as object, property) as unknown;
  if (
    typeof designType === 'function' &&
    ![Array, Object, String, Number, Boolean, Date].includes(designType as never)
  )
    return designType as DtoClass;
  return undefined;
}

function applyConstraint(schema: JsonSchema, name: string, constraints: unknown[]): void {
  const [first, second] = constraints;
  switch (name) {
    case 'isString':
      schema.type = 'string';
      break;
    case 'isNumber':
    case 'isNumberString':
      schema.type = name === 'isNumber' ? 'number' : 'string';
      break;
    case 'isInt':
      schema.type = 'integer';
      break;
    case 'isBoolean':
      schema.type = 'boolean';
      break;
    case 'isArray':
      schema.type = 'array';
      break;
    case 'isObject':
      schema.type = 'object';
      break;
    case 'isDate':
    case 'isDateString':
    case 'isISO8601':
      Object.assign(schema, { type: 'string', format: 'date-time' });
      break;
    case 'isEmail':
      Object.assign(schema, { type: 'string', format: 'email' });
      break;
    case 'isUUID':
      Object.assign(schema, { type: 'string', format: 'uuid' });
      break;
    case 'isUrl':
      Object.assign(schema, { type: 'string', format: 'uri' });
      break;
    case 'min':
      schema.minimum = first;
      break;
    case 'max':
      schema.maximum = first;
      break;
    case 'isPositive':
      schema.exclusiveMinimum = 0;
      break;
    case 'isNegative':
      schema.exclusiveMaximum = 0;
      break;
    case 'minLength':
      schema.minLength = first;
      break;
    case 'maxLength':
      schema.maxLength = first;
      break;
    case 'isLength':
      schema.minLength = first;
      if (second !== undefined) schema.maxLength = second;
      break;
    case 'isNotEmpty':
      if (schema.type === 'string') schema.minLength = Math.max(Number(schema.minLength ?? 0), 1);
      break;
    case 'arrayMinSize':
      schema.minItems = first;
      break;
    case 'arrayMaxSize':
      schema.maxItems = first;
      break;
    case 'isIn':
      if (Array.isArray(first)) schema.enum = first;
      break;
    case 'isEnum':
      if (typeof first === 'object' && first !== null) schema.enum = enumValues(first);
      break;
    case 'equals':
      schema.const = first;
      break;
    case 'matches':
      schema.pattern = first instanceof RegExp ? first.source : String(first);
      break;
  }
}

/** Values of a TypeScript enum object (numeric enums map names back to numbers; keep the values only). */
function enumValues(enumObject: object): unknown[] {
  const entries = Object.entries(enumObject);
  return entries.filter(([key]) => !/^\d+$/.test(key)).map(([, value]) => value as unknown);
}
