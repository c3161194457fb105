/**
 * The compiled descriptors of every file the NLU server serves (proto/descriptor-set.binpb, written by
 * `npm run proto` with a real protobuf compiler): each file's bytes exactly as compiled, found by file name or by
 * any symbol it declares, with its imports. Server reflection answers from here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { protoDir } from '@parley/proto';
import { Reader } from 'protobufjs';
import { FileDescriptorProto } from 'protobufjs/ext/descriptor';

const DESCRIPTOR_SET_FILE = 'descriptor-set.binpb';

interface DecodedFile {
  name: string;
  package?: string;
  dependency?: string[];
  messageType?: DecodedMessage[];
  enumType?: DecodedEnum[];
  service?: Array<{ name: string; method?: Array<{ name: string }> }>;
}
interface DecodedMessage {
  name: string;
  field?: Array<{ name: string }>;
  nestedType?: DecodedMessage[];
  enumType?: DecodedEnum[];
}
interface DecodedEnum {
  name: string;
  value?: Array<{ name: string }>;
}

export class DescriptorSet {
  /** File name → its FileDescriptorProto bytes. */
  private readonly bytes = new Map<string, Buffer>();
  private readonly imports = new Map<string, string[]>();
  /** Fully-qualified symbol (no leading dot) → the file declaring it. */
  private readonly symbols = new Map<string, string>();
  /** Fully-qualified names of the messages, for "all extension numbers of type". */
  private readonly messages = new Set<string>();
  readonly services: string[] = [];

  /** `set`: the bytes of a FileDescriptorSet (field 1: repeated FileDescriptorProto). */
  constructor(readonly set: Buffer) {
    const reader = Reader.create(set);
    while (reader.pos < reader.len) {
      const tag = reader.uint32();
      if (tag !== ((1 << 3) | 2)) {
        reader.skipType(tag & 7);
        continue;
      }
      const bytes = Buffer.from(reader.bytes());
      this.index(FileDescriptorProto.toObject(FileDescriptorProto.decode(bytes)) as DecodedFile, bytes);
    }
  }

  static load(dir = protoDir()): DescriptorSet {
    return new DescriptorSet(readFileSync(join(dir, DESCRIPTOR_SET_FILE)));
  }

  /** The file of that name then every file it imports, directly or not; undefined when unknown. */
  fileWithImports(name: string): Buffer[] | undefined {
    if (!this.bytes.has(name)) return undefined;
    const order: string[] = [];
    const visit = (file: string): void => {
      if (order.includes(file)) return;
      order.push(file);
      for (const dependency of this.imports.get(file) ?? []) visit(dependency);
    };
    visit(name);
    return order.flatMap((file) => this.bytes.get(file) ?? []);
  }

  fileDeclaring(symbol: string): string | undefined {
    return this.symbols.get(symbol.replace(/^\./, ''));
  }

  isMessage(symbol: string): boolean {
    return this.messages.has(symbol.replace(/^\./, ''));
  }

  private index(file: DecodedFile, bytes: Buffer): void {
    this.bytes.set(file.name, bytes);
    this.imports.set(file.name, file.dependency ?? []);
    const scope = file.package ? `${file.package}.` : '';
    const add = (symbol: string): void => void this.symbols.set(symbol, file.name);
    const addEnum = (prefix: string, type: DecodedEnum): void => {
      add(`${prefix}${type.name}`);
      // Enum values are scoped beside their enum, as in C++.
      for (const value of type.value ?? []) add(`${prefix}${value.name}`);
    };
    const addMessage = (prefix: string, message: DecodedMessage): void => {
      const name = `${prefix}${message.name}`;
      add(name);
      this.messages.add(name);
      for (const field of message.field ?? []) add(`${name}.${field.name}`);
      for (const nested of message.nestedType ?? []) addMessage(`${name}.`, nested);
      for (const type of message.enumType ?? []) addEnum(`${name}.`, type);
    };
    for (const message of file.messageType ?? []) addMessage(scope, message);
    for (const type of file.enumType ?? []) addEnum(scope, type);
    for (const service of file.service ?? []) {
      const name = `${scope}${service.name}`;
      add(name);
      this.services.push(name);
      for (const method of service.method ?? []) add(`${name}.${method.name}`);
    }
  }
}
