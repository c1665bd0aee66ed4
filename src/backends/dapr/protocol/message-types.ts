import { isAbsolute, join } from 'node:path';
import * as protobuf from 'protobufjs';
import { findProtoDir } from './load-protocol';

/** The service's entry file inside the `proto/` folder (it imports the others). */
const SERVICE_FILE = 'orchestrator_service.proto';

let historyEvent: protobuf.Type | undefined;

/**
 * The protobufjs type of `HistoryEvent`, loaded once from the package's `.proto` files with the field names as
 * written (the loader's `keepCase`). Encoding a wire object with it skips the `fromObject` copy that the gRPC
 * serializers (`@grpc/proto-loader`) make before encoding: a wire object from the converters already holds each
 * field as it is encoded (numbers for enums and 64-bit integers, `{ seconds, nanos }` timestamps, `null` or
 * absent for unset messages), so the bytes are the same (`test/dapr/work-item-encoder.test.ts` compares them).
 *
 * @returns the message type
 * @throws {@link StorageError} when the `.proto` files cannot be found
 */
export function historyEventType(): protobuf.Type {
  if (!historyEvent) {
    const protoDir = findProtoDir();
    const root = new protobuf.Root();
    root.resolvePath = (_origin, target) => (isAbsolute(target) ? target : join(protoDir, target));
    root.loadSync(SERVICE_FILE, { keepCase: true });
    root.resolveAll();
    historyEvent = root.lookupType('HistoryEvent');
  }
  return historyEvent;
}
