import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsIn,
  IsOptional,
  IsPositive,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { dtoJsonSchema, validateDto, ValidationError } from 'weft-workflows';
import type { DtoValidationDetails, JsonSchema } from 'weft-workflows';

enum Priority {
  Low = 'low',
  High = 'high',
}

class LineItem {
  @IsString()
  sku!: string;

  @IsPositive()
  quantity!: number;
}

class PurchaseOrder {
  @IsEmail()
  buyer!: string;

  @IsEnum(Priority)
  priority!: Priority;

  @IsIn(['EUR', 'USD'])
  currency!: string;

  @Length(3, 8)
  @Matches(/^[A-Z]+$/)
  code!: string;

  @IsOptional()
  @IsBoolean()
  rush?: boolean;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => LineItem)
  items!: LineItem[];
}

describe('DTO JSON schemas and validation', () => {
  it('turns class-validator decorators into a JSON schema, nested arrays included', () => {
    const components: Record<string, JsonSchema> = {};
    expect(dtoJsonSchema(PurchaseOrder, components)).toEqual({ $ref: '#/components/schemas/PurchaseOrder' });
    expect(components.PurchaseOrder).toEqual({
      type: 'object',
      properties: {
        buyer: { type: 'string', format: 'email' },
        priority: { type: 'string', enum: ['low', 'high'] },
        currency: { type: 'string', enum: ['EUR', 'USD'] },
        code: { type: 'string', minLength: 3, maxLength: 8, pattern: '^[A-Z]+$' },
        rush: { type: 'boolean' },
        items: { type: 'array', minItems: 1, items: { $ref: '#/components/schemas/LineItem' } },
      },
      required: ['buyer', 'priority', 'currency', 'code', 'items'],
    });
    expect(components.LineItem).toEqual({
      type: 'object',
      properties: { sku: { type: 'string' }, quantity: { type: 'number', exclusiveMinimum: 0 } },
      required: ['sku', 'quantity'],
    });
  });

  it('reports every failed constraint, nested ones by path, and returns a DTO instance when valid', async () => {
    const bad = {
      buyer: 'nobody',
      priority: 'urgent',
      currency: 'EUR',
      code: 'ab',
      items: [{ sku: 1, quantity: -1 }],
    };
    const error = await validateDto(PurchaseOrder, bad, { example: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    const details = (error as ValidationError).details as DtoValidationDetails;
    expect(details.example).toEqual({ example: true });
    expect(details.errors.map((e) => e.property).sort()).toEqual([
      'buyer',
      'code',
      'items.0.quantity',
      'items.0.sku',
      'priority',
    ]);
    expect(Object.keys(details.errors.find((e) => e.property === 'code')!.constraints).sort()).toEqual([
      'isLength',
      'matches',
    ]);
    const good = {
      buyer: 'a@b.io',
      priority: 'high',
      currency: 'USD',
      code: 'ABC',
      items: [{ sku: 'x', quantity: 2 }],
    };
    const value = await validateDto(PurchaseOrder, good);
    expect(value).toBeInstanceOf(PurchaseOrder);
    expect(JSON.parse(JSON.stringify(value))).toEqual(good);
  });
});
